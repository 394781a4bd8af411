package cn.yaan.carbonsink.web.rest;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@code @Size} on text, counted in characters as people count them (code points) rather than UTF-16 units, where
 * an emoji counts twice and 50 of them would not fit a 50-character name. Registered for every {@code @Size} on a
 * {@code String} in {@code META-INF/validation.xml}; the services count the same way ({@code FreeText}).
 */
public class SizeInCharacters implements ConstraintValidator<Size, String> {

    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
        min = size.min();
        max = size.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        // More UTF-16 units than max twice over cannot be max characters: no need to count a megabyte.
        if (value.length() > 2L * max) {
            return false;
        }
        int characters = value.codePointCount(0, value.length());
        return characters >= min && characters <= max;
    }
}

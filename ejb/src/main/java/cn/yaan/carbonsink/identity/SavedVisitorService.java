package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.BusinessException.FieldError;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.ResidentIds;
import cn.yaan.carbonsink.shared.UniqueViolations;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A citizen's saved visitors (常用游客), kept sealed like the citizen's own data and shown only masked; the booking
 * page books for them (and for the citizen, from the profile) without the numbers being typed or shown again.
 */
@Stateless
public class SavedVisitorService {

    /** How many visitors a citizen may keep. */
    static final int MAX_SAVED = 20;
    /** The reference of the citizen themself among the people {@link #party} hands over. */
    public static final String MYSELF = "me";

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    PersonalData personalData;

    @Inject
    CitizenService citizens;

    /** A visitor to save: real name and ID number as on the ID card, mobile optional. */
    @Schema(name = "NewSavedVisitor")
    public record NewVisitor(@Schema(maxLength = CitizenService.NAME_MAX) String name, @Size(max = 40) String idNumber,
                             @Size(max = 40) String phone) {
        /** Never the numbers, should anything print the request. */
        @Override
        public String toString() {
            return "NewVisitor[]";
        }
    }

    /** A saved visitor as lists show it: masked. Id 0 is the citizen themself ({@link #withMyself}). */
    @Schema(name = "SavedVisitor")
    public record View(long id, String name, String idNumberMasked, String phoneMasked) {
        /** The reference {@link #party} takes for this person. */
        public String ref() {
            return id == 0 ? MYSELF : Long.toString(id);
        }
    }

    /** A person to book for, in clear: only for the booking the owner makes now, never shown or logged. */
    public record Person(String name, String idNumber) {
    }

    public List<View> list(String username) {
        long account = profileOf(username).accountId();
        return em.createNamedQuery("SavedVisitor.of", SavedVisitor.class).setParameter("account", account)
                .getResultStream().map(this::view).toList();
    }

    /**
     * Saves a visitor: 400 with every refused field, 409 {@code visitor-saved-already} for an ID number the citizen
     * saved before, 422 {@code saved-visitors-full} beyond {@value #MAX_SAVED}.
     */
    public View add(String username, @NotNull @Valid NewVisitor v) {
        List<FieldError> errors = new ArrayList<>();
        String name = null;
        try {
            name = FreeText.required("name", v.name(), CitizenService.NAME_MAX);
        } catch (BusinessException e) {
            errors.addAll(e.fieldErrors());
        }
        ResidentIds.ResidentId id = null;
        try {
            id = ResidentIds.parse("idNumber", v.idNumber(), clock.today());
        } catch (BusinessException e) {
            errors.addAll(e.fieldErrors());
        }
        String phone = v.phone() == null || v.phone().isBlank() ? null : v.phone().strip();
        if (phone != null && !CitizenService.PHONE.matcher(phone).matches()) {
            errors.add(new FieldError("phone", "A mainland mobile number has 11 digits and starts with 13 to 19."));
        }
        if (!errors.isEmpty()) {
            throw BusinessException.invalid(errors);
        }
        CitizenProfile profile = citizens.lock(profileOf(username).accountId());
        if (em.createNamedQuery("SavedVisitor.countOf", Long.class).setParameter("account", profile.accountId())
                .getSingleResult() >= MAX_SAVED) {
            throw BusinessException.unprocessable("saved-visitors-full", "You keep " + MAX_SAVED
                    + " visitors already; remove one you no longer book for first.");
        }
        String hash = personalData.lookupHash(id.number());
        // Under the profile's lock, so the unique key is only the last line of defence (and its error stays unlogged).
        if (em.createNamedQuery("SavedVisitor.countOfNumber", Long.class).setParameter("account", profile.accountId())
                .setParameter("hash", hash).getSingleResult() > 0) {
            throw savedAlready();
        }
        SavedVisitor saved = new SavedVisitor(profile.accountId(), personalData.protect(name),
                personalData.protect(id.number()), hash, phone == null ? null : personalData.protect(phone), clock.now());
        try {
            em.persist(saved);
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolations.is(e)) {
                throw e;
            }
            throw savedAlready();
        }
        return view(saved);
    }

    private static BusinessException savedAlready() {
        return BusinessException.conflict("visitor-saved-already", "You saved a visitor with this ID number already.");
    }

    /** Removes a saved visitor; 404 when the citizen has none with this id. */
    public void remove(String username, long id) {
        em.remove(own(username, id));
    }

    /**
     * The people to book for, in clear, by reference: {@value #MYSELF} for the citizen (name and ID number of the
     * profile), else the id of a saved visitor. 404 for a reference that is not the citizen's.
     */
    public List<Person> party(String username, List<String> refs) {
        List<Person> people = new ArrayList<>();
        for (String ref : refs) {
            if (MYSELF.equals(ref)) {
                CitizenProfile me = profileOf(username);
                people.add(new Person(citizens.realName(me), personalData.reveal(me.idNumberProtected())));
            } else {
                SavedVisitor v = own(username, parseId(ref));
                people.add(new Person(personalData.reveal(v.nameSealed()), personalData.reveal(v.idNumberSealed())));
            }
        }
        return people;
    }

    /** Whether the account has citizen data, so that it can keep visitors and book for itself. */
    public boolean hasProfile(String username) {
        return citizens.profile(username).isPresent();
    }

    /** The citizen themself (id 0, for "book for myself"), then the saved visitors: all masked. */
    public List<View> withMyself(String username) {
        CitizenProfile me = profileOf(username);
        List<View> people = new ArrayList<>();
        people.add(new View(0, Masking.name(citizens.realName(me)),
                Masking.idNumber(personalData.reveal(me.idNumberProtected())), null));
        people.addAll(list(username));
        return people;
    }

    private static long parseId(String ref) {
        try {
            return Long.parseLong(ref);
        } catch (NumberFormatException e) {
            throw BusinessException.notFound("No saved visitor " + ref + ".");
        }
    }

    private SavedVisitor own(String username, long id) {
        SavedVisitor v = em.find(SavedVisitor.class, id);
        if (v == null || !v.accountId().equals(profileOf(username).accountId())) {
            throw BusinessException.notFound("You have no saved visitor " + id + ".");
        }
        return v;
    }

    private CitizenProfile profileOf(String username) {
        return citizens.profile(username).orElseThrow(() ->
                BusinessException.notFound("This account has no registered citizen data."));
    }

    private View view(SavedVisitor v) {
        return new View(v.id(), Masking.name(personalData.reveal(v.nameSealed())),
                Masking.idNumber(personalData.reveal(v.idNumberSealed())),
                v.phoneSealed() == null ? null : Masking.phone(personalData.reveal(v.phoneSealed())));
    }
}

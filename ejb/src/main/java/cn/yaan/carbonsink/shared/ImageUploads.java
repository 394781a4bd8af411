package cn.yaan.carbonsink.shared;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Images uploaded by anyone, read without letting one upload take the server's memory or CPU. What an image costs
 * to decode is decided by its header, not its size in bytes: a few kilobytes of PNG can declare 400 megapixels, a
 * 16-bit PNG takes eight bytes a pixel, and a progressive JPEG is decoded once per scan, so a thousand tiny scans
 * make a 74 KiB file cost seconds of CPU. So, before any pixel is decoded, the header is read and checked
 * (dimensions, bit depth, the number of JPEG scans times the pixels they cover); the pixels are then decoded
 * subsampled to a bounded size, at most {@link #CONCURRENT_DECODES} at a time per node, and a decode still running
 * after {@link #TIME_BUDGET} is aborted.
 */
public final class ImageUploads {

    /** Decodes run at once per node; more wait, then are refused with 429. */
    static final int CONCURRENT_DECODES = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    static final Duration TIME_BUDGET = Duration.ofSeconds(5);
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(10);
    /** No image needs more scans than this; a standard progressive JPEG has 10. */
    static final int MAX_SCANS = 64;
    static final int MAX_SIDE = 20_000;

    private static final Semaphore DECODES = new Semaphore(CONCURRENT_DECODES, true);

    private ImageUploads() {
    }

    /**
     * What one kind of upload may be.
     *
     * @param field          the request field errors are reported for
     * @param formats        accepted formats, of "png", "jpeg", "gif", "bmp"
     * @param maxPixels      width x height at most
     * @param maxScanPixels  a JPEG's scans x its pixels at most (one scan for every other image)
     * @param decodedPixels  pixels kept in memory at most: larger images are decoded subsampled
     */
    public record Limits(String field, Set<String> formats, long maxPixels, long maxScanPixels, long decodedPixels) {
    }

    /**
     * The image, decoded within the limits (possibly subsampled), or a 400 naming the field and what to change. A
     * 429 when the node is busy decoding other images.
     */
    public static BufferedImage read(byte[] upload, Limits limits) {
        return read(upload, limits, TIME_BUDGET);
    }

    static BufferedImage read(byte[] upload, Limits limits, Duration budget) {
        if (upload == null || upload.length == 0) {
            throw invalid(limits, "Send the image as the request body.");
        }
        String format = format(upload);
        if (format == null || !limits.formats().contains(format)) {
            List<String> names = limits.formats().stream().map(f -> f.toUpperCase(Locale.ROOT)).sorted().toList();
            throw invalid(limits, "The upload is not a " + (names.size() == 1 ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1))
                    + " image.");
        }
        int scans = format.equals("jpeg") ? JpegHeader.scans(upload) : 1;
        if (scans > MAX_SCANS) {
            throw invalid(limits, "The JPEG has " + scans + " progressive scans; at most " + MAX_SCANS
                    + " are read. Save it as a baseline (non-progressive) JPEG.");
        }
        if (format.equals("png")) {
            checkPngHeader(upload, limits);
        }
        try {
            if (!DECODES.tryAcquire(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw BusinessException.tooManyRequests("The server is reading many images right now; try again in a "
                        + "few seconds.", 5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BusinessException.tooManyRequests("The server is busy; try again in a few seconds.", 5);
        }
        try {
            return decode(upload, limits, scans, budget);
        } finally {
            DECODES.release();
        }
    }

    private static BufferedImage decode(byte[] upload, Limits limits, int scans, Duration budget) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw invalid(limits, "The image cannot be read: it is damaged or not an image.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (width > MAX_SIDE || height > MAX_SIDE || pixels > limits.maxPixels()) {
                    throw invalid(limits, "The image has " + width + " x " + height + " pixels; at most "
                            + limits.maxPixels() + " pixels and " + MAX_SIDE + " on a side are read. Send a smaller "
                            + "image.");
                }
                if (scans * pixels > limits.maxScanPixels()) {
                    throw invalid(limits, "The JPEG is progressive with " + scans + " scans of " + pixels
                            + " pixels, too costly to decode. Save it as a baseline (non-progressive) JPEG or send a "
                            + "smaller image.");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) pixels / limits.decodedPixels()));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                Deadline deadline = new Deadline(reader, System.nanoTime() + budget.toNanos());
                reader.addIIOReadProgressListener(deadline);
                BufferedImage image = reader.read(0, param);
                if (deadline.aborted) {
                    throw invalid(limits, "The image took too long to decode. Send a smaller or simpler image.");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BusinessException b) {
                throw b;
            }
            throw invalid(limits, "The image cannot be read: it is damaged or not an image.");
        }
    }

    /** The format the first bytes say, whatever the file is called or declared as. */
    static String format(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "png";
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return "jpeg";
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return "gif";
        }
        if (startsWith(b, 'B', 'M')) {
            return "bmp";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The IHDR chunk, which a PNG must begin with: 16 bits a sample is refused (8 bytes a pixel for nothing). */
    private static void checkPngHeader(byte[] b, Limits limits) {
        if (b.length < 29 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw invalid(limits, "The PNG is damaged: it does not begin with its header.");
        }
        if ((b[24] & 0xFF) > 8) {
            throw invalid(limits, "The PNG has " + (b[24] & 0xFF) + " bits a sample; send an 8-bit PNG or a JPEG.");
        }
    }

    private static BusinessException invalid(Limits limits, String message) {
        return BusinessException.invalid(limits.field(), message);
    }

    /** Aborts the read once its time is up (the readers check between rows and passes). */
    private static final class Deadline implements IIOReadProgressListener {
        private final ImageReader reader;
        private final long endNanos;
        private volatile boolean aborted;

        Deadline(ImageReader reader, long endNanos) {
            this.reader = reader;
            this.endNanos = endNanos;
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (System.nanoTime() - endNanos > 0) {
                reader.abort();
            }
        }

        @Override
        public void readAborted(ImageReader source) {
            aborted = true;
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
            imageProgress(source, 0);
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }
    }

    /** The marker segments of a JPEG, walked by their lengths: how many scans (SOS) the decoder would run. */
    static final class JpegHeader {

        private JpegHeader() {
        }

        /** The number of scans; 0 when the markers are broken (the decoder then refuses the file itself). */
        static int scans(byte[] b) {
            int scans = 0;
            int i = 2;
            while (i + 1 < b.length) {
                if ((b[i] & 0xFF) != 0xFF) {
                    return scans;
                }
                while (i + 1 < b.length && (b[i + 1] & 0xFF) == 0xFF) {
                    i++; // fill bytes
                }
                if (i + 1 >= b.length) {
                    return scans;
                }
                int marker = b[i + 1] & 0xFF;
                if (marker == 0xD9) {
                    return scans;
                }
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                    i += 2;
                    continue;
                }
                if (i + 3 >= b.length) {
                    return scans;
                }
                int length = (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
                i += 2 + length;
                if (marker == 0xDA) {
                    scans++;
                    // Entropy-coded data runs to the next marker: 0xFF not followed by 0x00 (a stuffed byte) or RSTn.
                    while (i + 1 < b.length && !((b[i] & 0xFF) == 0xFF && b[i + 1] != 0
                            && ((b[i + 1] & 0xFF) < 0xD0 || (b[i + 1] & 0xFF) > 0xD7))) {
                        i++;
                    }
                }
            }
            return scans;
        }
    }
}

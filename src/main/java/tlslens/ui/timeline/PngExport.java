package tlslens.ui.timeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a snapshot as PNG: {@link #pixels} on the FX thread, {@link #write} anywhere. */
public final class PngExport {
    /** An image's ARGB pixels, copied out of JavaFX. */
    public record Pixels(int width, int height, int[] argb) {}

    private PngExport() {}

    public static Pixels pixels(WritableImage img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new Pixels(w, h, argb);
    }

    public static void write(Pixels p, Path file) throws IOException {
        BufferedImage out = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, p.width(), p.height(), p.argb(), 0, p.width());
        if (!ImageIO.write(out, "png", file.toFile())) throw new IOException("no PNG writer");
    }
}

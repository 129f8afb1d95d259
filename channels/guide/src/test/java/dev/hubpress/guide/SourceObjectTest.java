package dev.hubpress.guide;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copying an object's bytes with its references renumbered: only real references, never text that looks like one. */
class SourceObjectTest {

    private static final SourceObject.References PLUS_100 =
            (number, generation, target) -> target.write(((number + 100) + " 0 R").getBytes(StandardCharsets.US_ASCII));

    @Test
    void referencesAreRenumberedButNotInsideStringsNamesOrNumbers() throws IOException {
        // GIVEN an object whose strings, hex strings and names hold what looks like references
        String object = "7 0 obj\n<</Type /Annot\n/Contents (a 5 0 R \\) in \\(nested (paren 6 0 R) text)\n/Alt <3520302052>\n"
                + "/N5 0 R\n/Kids [1 0 R 2 0 R]\n/Rect [0 0 612 792]\n/Sub <</Length 9\n/P 3 0 R>>\n/Dash [3.5 0 R]>>\nendobj\n";
        byte[] file = object.getBytes(StandardCharsets.ISO_8859_1);

        // WHEN it is copied
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourceObject read = SourceObject.at(file, 0);
        long length = read.renumber(file, out, PLUS_100);

        // THEN only the references in /Kids and /P moved; a nested dictionary's /Length is not the object's
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("<</Type /Annot\n/Contents (a 5 0 R \\) in \\(nested (paren 6 0 R) text)\n"
                + "/Alt <3520302052>\n/N5 0 R\n/Kids [101 0 R 102 0 R]\n/Rect [0 0 612 792]\n/Sub <</Length 9\n/P 103 0 R>>\n/Dash [3.5 0 R]>>");
        assertThat(length).isEqualTo(-1);
        assertThat(read.stream(file)).isEqualTo(-1);
    }

    @Test
    void aStreamsLengthAndDataAreFoundWhenWrittenDirectly() throws IOException {
        // GIVEN a stream written as BookWriter writes one, after another object
        String before = "1 0 obj\n<</A 2 0 R>>\nendobj\n";
        String stream = "3 0 obj\n<</Filter /FlateDecode\n/Length 5>>\nstream\nAB)CD\nendstream\nendobj\n";
        byte[] file = (before + stream).getBytes(StandardCharsets.ISO_8859_1);

        // WHEN it is read at its offset
        SourceObject read = SourceObject.at(file, before.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = read.renumber(file, out, PLUS_100);

        // THEN its dictionary, length and data are where the file says
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("<</Filter /FlateDecode\n/Length 5>>");
        assertThat(length).isEqualTo(5);
        int data = read.stream(file);
        assertThat(new String(file, data, 5, StandardCharsets.ISO_8859_1)).isEqualTo("AB)CD");
    }

    @Test
    void aLengthByReferenceIsNotTakenForOneAndBrokenBytesAreAnError() throws IOException {
        // GIVEN a stream whose /Length is another object, and bytes that are not an object
        byte[] indirect = "4 0 obj\n<</Length 8 0 R>>\nstream\nxx\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] broken = "4 0 obj\n<</A (never closed>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] notAnObject = "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);

        // WHEN they are read, THEN the length is unknown (the writer reads such a stream as an object) and the rest fail
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SourceObject.at(indirect, 0).renumber(indirect, out, PLUS_100)).isEqualTo(-1);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("<</Length 108 0 R>>");
        assertThatThrownBy(() -> SourceObject.at(broken, 0).renumber(broken, new ByteArrayOutputStream(), PLUS_100))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SourceObject.at(notAnObject, 0)).isInstanceOf(IOException.class);
    }
}

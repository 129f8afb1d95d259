package dev.hubpress.local;

import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SendLedgerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The send ledger as one file per (digest, subscriber): the port's contract, and what a crash leaves. */
class FileSendLedgerTest extends SendLedgerContract {

    @TempDir
    Path tmp;

    @Override
    protected SendLedger createLedger() {
        return new FileSendLedger(tmp.resolve("ledger"));
    }

    /** Another process: another ledger object on the same folder. */
    @Override
    protected SendLedger sameStorage() {
        return new FileSendLedger(tmp.resolve("ledger"));
    }

    @Test
    void aReservationCutShortByACrashStillCountsAsReserved() throws Exception {
        // GIVEN the empty file a crash right after creating the reservation leaves
        Files.createDirectories(tmp.resolve("ledger/hub.r1-r3"));
        Files.createFile(tmp.resolve("ledger/hub.r1-r3/s1.json"));

        // WHEN / THEN the pair is not granted again, and reads as reserved
        assertThat(ledger.reserve("hub.r1-r3", "s1")).isFalse();
        assertThat(ledger.get("hub.r1-r3", "s1").orElseThrow().state()).isEqualTo(SendLedger.State.RESERVED);
    }
}

package dev.hubpress.core.testing;

import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SendLedgerContract;

/** The fake send ledger keeps the port's contract, so tests of the digests on it prove something. */
class InMemorySendLedgerTest extends SendLedgerContract {

    @Override
    protected SendLedger createLedger() {
        return new InMemorySendLedger();
    }
}

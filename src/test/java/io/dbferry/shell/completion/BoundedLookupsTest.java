package io.dbferry.shell.completion;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Tab never waits on a slow answer longer than the bound; the answer found later is there for the next Tab. */
class BoundedLookupsTest {

    @Test
    void aSlowAnswerOffersNothingNowAndIsKeptForTheNextTab() throws Exception {
        BoundedLookups<String, List<String>> lookups = new BoundedLookups<>(Duration.ofMillis(100));
        AtomicInteger asked = new AtomicInteger();
        long started = System.nanoTime();
        List<String> first = lookups.get("tables", () -> {
            asked.incrementAndGet();
            sleep(1500);
            return List.of("Customers");
        }, List.of());
        assertThat(first).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
        Thread.sleep(2500);
        assertThat(lookups.get("tables", () -> List.of("asked again"), List.of())).containsExactly("Customers");
        assertThat(asked.get()).isEqualTo(1);
        lookups.clear();
        assertThat(lookups.get("tables", () -> List.of("after a change"), List.of())).containsExactly("after a change");
    }

    @Test
    void aFailedLookupIsTriedAgainOnTheNextTab() {
        BoundedLookups<String, List<String>> lookups = new BoundedLookups<>(Duration.ofSeconds(5));
        assertThat(lookups.get("tables", () -> {
            throw new IllegalStateException("server gone");
        }, List.of("nothing"))).containsExactly("nothing");
        assertThat(lookups.get("tables", () -> List.of("Customers"), List.of())).containsExactly("Customers");
    }

    @Test
    void theTableCacheAnswersFromItsLookupOnceItIsDone() throws Exception {
        try (Session session = new Session()) {
            session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + Datasets.chinookSqlite(), null, null));
            // no wait at all: an early Tab may have nothing yet, a later one has what the lookup read
            TableNameCache cache = new TableNameCache(session, Duration.ZERO);
            List<String> tables = cache.tables(Side.SOURCE);
            for (int i = 0; i < 100 && tables.isEmpty(); i++) {
                Thread.sleep(50);
                tables = cache.tables(Side.SOURCE);
            }
            assertThat(tables).contains("Album", "Track");
            assertThat(cache.tables(Side.TARGET)).isEmpty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

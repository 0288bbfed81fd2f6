package io.darkscope.bench;

import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Times Table 2 (countries of a day's sources on some ports) in a warm JVM, so that the figure
 * is the query's own: loading the day's bitmaps from the store, their union, and the country
 * walk. Usage: {@code Table2Bench DATA_DIR DATE PORTS}.
 */
public final class Table2Bench {
    private Table2Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        LocalDate day = LocalDate.parse(args[1]);
        try (Store store = Store.openReadOnly(data); GeoData geo = GeoData.open(data, null, null)) {
            long started = System.nanoTime();
            geo.countries();
            System.out.printf(Locale.ROOT, "country database loaded in %.2f s%n", (System.nanoTime() - started) / 1e9);
            QueryService service = new QueryService(store, geo);
            long best = Long.MAX_VALUE;
            long sources = 0;
            for (int run = 0; run < 5; run++) {
                long t = System.nanoTime();
                var rows = service.countries(PortSpec.parseList(args[2]), day, day, 10);
                best = Math.min(best, System.nanoTime() - t);
                sources = rows.get(rows.size() - 1).sources();
            }
            System.out.printf(Locale.ROOT, "Table 2 of %,d distinct sources: %.3f s (best of 5, warm)%n", sources, best / 1e9);
        }
    }
}

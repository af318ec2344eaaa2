package io.dbferry.core.dialect;

import io.dbferry.core.model.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Picks the dialect for an engine from those registered in {@code META-INF/services} (as Flyway finds its
 * database types), so this package knows no engine's package and the engines' packages depend on it alone.
 */
public final class Dialects {

    private Dialects() {
    }

    /** A new dialect for {@code engine}; for MySQL refined to MariaDB by {@link Dialect#refine} once connected. */
    public static Dialect forEngine(Engine engine) {
        for (Dialect dialect : registered()) {
            if (dialect.handles(engine)) {
                return dialect.forEngine(engine);
            }
        }
        throw new IllegalStateException("no dialect registered for " + engine + " in META-INF/services");
    }

    /** The dialect whose connection URLs start with {@code scheme} (any case), if one is registered. */
    public static Optional<Dialect> forUrlScheme(String scheme) {
        String wanted = scheme.toLowerCase(Locale.ROOT);
        return registered().stream().filter(d -> d.urlForm().schemes().contains(wanted)).findFirst();
    }

    /** Every registered dialect, in the order of the services file. */
    public static List<Dialect> registered() {
        List<Dialect> dialects = new ArrayList<>();
        ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader()).forEach(dialects::add);
        return dialects;
    }
}

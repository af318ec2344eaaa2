package io.dbferry.core.dialect;

import io.dbferry.core.model.Engine;

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
        for (Dialect dialect : ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader())) {
            if (dialect.handles(engine)) {
                return dialect.forEngine(engine);
            }
        }
        throw new IllegalStateException("no dialect registered for " + engine + " in META-INF/services");
    }
}

package io.dbferry.shell.completion;

import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Table names per side for completion, read once and kept until something changes the schema or the
 * connection ({@link #invalidate()}), so Tab stays instant on large catalogs.
 */
@Component
public class TableNameCache {

    private final Session session;
    private final Map<Side, List<String>> names = new EnumMap<>(Side.class);

    public TableNameCache(Session session) {
        this.session = session;
    }

    public synchronized List<String> tables(Side side) {
        List<String> cached = names.get(side);
        if (cached == null && session.get(side).isPresent()) {
            cached = session.get(side).get().catalog().tableNames();
            names.put(side, cached);
        }
        return cached == null ? List.of() : cached;
    }

    public synchronized void invalidate() {
        names.clear();
    }
}

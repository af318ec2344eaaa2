package io.dbferry.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @Test
    void anExactNameWinsAndAFoldedOneIsFoundOnlyWhenItIsTheOnlyOne() {
        assertThat(Names.find("Foo", List.of("foo", "Foo"))).contains("Foo");
        assertThat(Names.find("foo", List.of("Foo", "foo"))).contains("foo");
        assertThat(Names.find("Part", List.of("part", "stock"))).as("PostgreSQL folded an unquoted name").contains("part");
        assertThat(Names.find("FOO", List.of("Foo", "foo"))).as("two candidates: neither").isEmpty();
        assertThat(Names.find("bar", List.of("Foo"))).isEmpty();
    }

    @Test
    void columnsDifferingOnlyInCaseAreTwoColumns() {
        Column upper = new Column("Val", "text", java.sql.Types.VARCHAR, 0, 0, true, null, false, PortableType.TEXT, null);
        Column lower = new Column("val", "int4", java.sql.Types.INTEGER, 10, 0, false, null, false, PortableType.INTEGER, null);
        Table t = new Table("t", List.of(upper, lower), List.of(), List.of(), List.of());
        assertThat(t.column("Val")).containsSame(upper);
        assertThat(t.column("val")).containsSame(lower);
        assertThat(t.column("VAL")).isEmpty();
        Table one = new Table("t", List.of(lower), List.of(), List.of(), List.of());
        assertThat(one.column("VAL")).containsSame(lower);
    }

    @Test
    void theOrderIsAlphabeticalIgnoringCaseAndKeepsBothSpellings() {
        List<String> sorted = new java.util.ArrayList<>(List.of("foo", "bar", "Foo", "Bar"));
        sorted.sort(Names.ORDER);
        assertThat(sorted).containsExactly("Bar", "bar", "Foo", "foo");
        java.util.TreeSet<String> set = new java.util.TreeSet<>(Names.ORDER);
        set.addAll(List.of("Foo", "foo"));
        assertThat(set).hasSize(2);
    }
}

package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.ValueConversionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An array's text as PostgreSQL writes it, as JSON text, and back: each element's text kept. */
class PostgresArraysTest {

    @Test
    void elementsKeepTheirTextBothWays() {
        String literal = "{\"a b\",\"it's\",\"back\\\\slash\",\"quote\\\"d\",\"NULL\",\"\",NULL,\"{x,y}\"}";
        String json = PostgresArrays.toJson(literal, "_text");
        assertThat(json).isEqualTo("[\"a b\",\"it's\",\"back\\\\slash\",\"quote\\\"d\",\"NULL\",\"\",null,\"{x,y}\"]");
        assertThat(PostgresArrays.toLiteral("tags", json)).isEqualTo(literal);
        assertThat(PostgresArrays.toJson("{{1,2},{3,NULL}}", "_int4")).isEqualTo("[[1,2],[3,null]]");
        assertThat(PostgresArrays.toLiteral("grid", "[[1,2],[3,null]]")).isEqualTo("{{1,2},{3,NULL}}");
        assertThat(PostgresArrays.toJson("{1.50,NaN,-Infinity,1e-05}", "_float8")).isEqualTo("[1.50,\"NaN\",\"-Infinity\",1e-05]");
        assertThat(PostgresArrays.toLiteral("f", "[1.50,\"NaN\"]")).isEqualTo("{1.50,\"NaN\"}");
        assertThat(PostgresArrays.toJson("{t,f,NULL}", "_bool")).isEqualTo("[true,false,null]");
        assertThat(PostgresArrays.toJson("{}", "_text")).isEqualTo("[]");
        assertThat(PostgresArrays.toLiteral("e", "[]")).isEqualTo("{}");
        assertThat(PostgresArrays.toJson("[0:1]={a,b}", "_text")).as("the lower bound left out").isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void jsonThatIsNoArrayIsRefusedNamingTheColumn() {
        assertThatThrownBy(() -> PostgresArrays.toLiteral("tags", "{\"a\":1}")).isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("not a JSON array")
                .satisfies(e -> assertThat(((ValueConversionException) e).where().column()).isEqualTo("tags"));
        assertThatThrownBy(() -> PostgresArrays.toLiteral("tags", "[{\"a\":1}]")).isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> PostgresArrays.toLiteral("tags", "[1,")).isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("not valid JSON");
    }
}

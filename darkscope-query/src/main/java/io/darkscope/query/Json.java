package io.darkscope.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The JSON form of every answer, one for the CLI and the HTTP API: snake_case fields, ISO
 * dates, and fractional numbers as plain decimals of {@value #SIGNIFICANT_DIGITS} significant
 * digits (a share of 0.000799028, not 7.990278561236685E-4), so that JSON, CSV and the table
 * agree.
 */
public final class Json {
    /** Significant digits of a fractional number: more than any count it is derived from makes meaningful at a glance. */
    public static final int SIGNIFICANT_DIGITS = 6;

    /** The shared mapper; configured once, safe to share between threads. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addSerializer(Double.class, new PlainDouble()).addSerializer(double.class, new PlainDouble()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature())
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {
    }

    /** A fractional number as printed: rounded to {@value #SIGNIFICANT_DIGITS} significant digits, with one decimal at least (486.0). */
    public static BigDecimal decimal(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(SIGNIFICANT_DIGITS)).stripTrailingZeros();
        return rounded.scale() < 1 ? rounded.setScale(1) : rounded;
    }

    /** A value's JSON, indented. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The text of a JSON value as a CSV or table cell shows it: decimals plain, as in the JSON. */
    public static String text(JsonNode value) {
        return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
    }

    private static final class PlainDouble extends StdSerializer<Double> {
        PlainDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                out.writeNumber(value); // no decimal says it
            } else {
                out.writeNumber(decimal(value));
            }
        }
    }
}

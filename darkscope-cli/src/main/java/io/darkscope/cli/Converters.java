package io.darkscope.cli;

import io.darkscope.analysis.scan.ScanType;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.decode.IpProtocol;
import io.darkscope.geo.Attribution;
import io.darkscope.query.Exclusion;
import io.darkscope.report.Language;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How option values are read. Each converter's message is what follows the option and its
 * value in the one line a user sees ({@link ParameterErrors}): "--from 2016-02-30" + " is not a
 * date (YYYY-MM-DD)".
 */
final class Converters {
    private Converters() {
    }

    /** Registers the converters of every option of these types. */
    static void register(CommandLine cli) {
        cli.registerConverter(LocalDate.class, Converters::date);
        cli.registerConverter(PortSpec.class, Converters::port);
        cli.registerConverter(Output.Format.class, choice(Output.Format.class, Enum::name));
        cli.registerConverter(Output.Summary.class, choice(Output.Summary.class, Enum::name));
        cli.registerConverter(SimulateCommand.CaptureFormat.class, choice(SimulateCommand.CaptureFormat.class, Enum::name));
        cli.registerConverter(StatsCommand.Resolution.class, choice(StatsCommand.Resolution.class, StatsCommand.Resolution::label));
        cli.registerConverter(Language.class, choice(Language.class, Language::code));
        cli.registerConverter(Attribution.By.class, Converters::networkGrouping);
        cli.registerConverter(ScanType.class, choice(ScanType.class, ScanType::label));
        cli.registerConverter(Exclusion.class, choice(Exclusion.class, Exclusion::label));
    }

    /** A calendar day, strictly: 2016-02-30 is not one. */
    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text, DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("is not a date (YYYY-MM-DD)");
        }
    }

    /** A destination port with its protocol, e.g. 23/tcp (a port alone is TCP). */
    static PortSpec port(String text) {
        try {
            return PortSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("is not a port such as 23/tcp or 53413/udp (" + e.getMessage() + ")");
        }
    }

    /** How networks are grouped: asn, prefix16, prefix24 (or prefix, a /24). */
    static Attribution.By networkGrouping(String text) {
        try {
            return Attribution.By.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("is not one of asn, prefix16, prefix24 (or prefix, a /24)");
        }
    }

    /** An enum by its labels, in lower case as users write them. */
    static <E extends Enum<E>> ITypeConverter<E> choice(Class<E> type, Function<E, String> label) {
        return text -> Arrays.stream(type.getEnumConstants()).filter(e -> label.apply(e).equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new TypeConversionException("is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(label).collect(Collectors.joining(", "))));
    }

    /** A count where 0 means "all" or "none": 0 or more. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return atLeast(text, 0);
        }
    }

    /** A count of at least one. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return atLeast(text, 1);
        }
    }

    private static int atLeast(String text, int least) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new TypeConversionException("is not a whole number of " + least + " or more");
    }

    /** A number above zero, such as a scale. */
    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                double x = Double.parseDouble(text.strip());
                if (x > 0 && Double.isFinite(x)) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // the message below says what is allowed
            }
            throw new TypeConversionException("is not a number above 0");
        }
    }

    /** A transport protocol with ports: tcp, udp or sctp; its IP protocol number. */
    static final class PortProtocol implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int protocol = IpProtocol.parse(text);
                if (IpProtocol.hasPorts(protocol)) {
                    return protocol;
                }
            } catch (IllegalArgumentException e) {
                // the message below says what is allowed
            }
            throw new TypeConversionException("is not tcp, udp or sctp (the protocols with ports)");
        }
    }

    /** A file that exists: a typo must not pass for "no such settings". */
    static final class ExistingFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            Path path = Path.of(text);
            if (Files.isDirectory(path)) {
                throw new TypeConversionException("is a directory, not a file");
            }
            if (!Files.isRegularFile(path)) {
                throw new TypeConversionException("does not exist");
            }
            return path;
        }
    }

    /** A country code: two letters (ISO 3166-1), in upper case. */
    static final class Country implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (!text.matches("[A-Za-z]{2}")) {
                throw new TypeConversionException("is not a two-letter country code (ISO 3166, e.g. JP)");
            }
            return text.toUpperCase(Locale.ROOT);
        }
    }

    /** A port number (or ICMP type): 0 to 65535. */
    static final class PortNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            if (!text.strip().matches("\\d{1,5}") || Integer.parseInt(text.strip()) > 65_535) {
                throw new TypeConversionException("is not a port number (0 to 65535)");
            }
            return Integer.parseInt(text.strip());
        }
    }

    /** An AS number, with or without its "AS": AS17676 or 17676. */
    static final class AsNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            String digits = text.strip().replaceFirst("(?i)^AS", "");
            if (!digits.matches("\\d{1,10}") || Long.parseLong(digits) > 4_294_967_295L) {
                throw new TypeConversionException("is not an AS number (e.g. AS17676 or 17676)");
            }
            return Long.parseLong(digits);
        }
    }

    /** A share: a number from 0 to 1. */
    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                double x = Double.parseDouble(text.strip());
                if (x >= 0 && x <= 1) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // the message below says what is allowed
            }
            throw new TypeConversionException("is not a share from 0 to 1");
        }
    }
}

package io.darkscope.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An accumulator's per-day state, with the current day one comparison away. */
final class Days<T> {
    private final Map<LocalDate, T> days = new HashMap<>();
    private final Function<DayClock, T> create;
    private LocalDate currentDate;
    private T current;

    Days(Function<DayClock, T> create) {
        this.create = create;
    }

    /** The state of the day {@code clock} is on, created if new. */
    T on(DayClock clock) {
        if (clock.date() != currentDate) {
            currentDate = clock.date();
            current = days.computeIfAbsent(currentDate, d -> create.apply(clock));
        }
        return current;
    }

    /** Every day's state; the map starts afresh. */
    List<T> drain() {
        List<T> all = new ArrayList<>(days.values());
        days.clear();
        currentDate = null;
        current = null;
        return all;
    }
}

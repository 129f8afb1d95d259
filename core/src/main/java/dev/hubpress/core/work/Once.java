package dev.hubpress.core.work;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made when first asked for, once whatever the thread, for work a publish may never need
 * (an artifact's bytes a store already holds, a feed entry's HTML in a feed that did not change).
 * The maker is let go once it has made the value. A maker that fails makes nothing: the next
 * {@link #get} tries again.
 */
public final class Once<T> implements Supplier<T> {

    private Supplier<? extends T> make;
    private volatile T value;

    private Once(Supplier<? extends T> make, T value) {
        this.make = make;
        this.value = value;
    }

    /** A value made by {@code make} when first asked for. */
    public static <T> Once<T> made(Supplier<? extends T> make) {
        return new Once<>(Objects.requireNonNull(make, "make"), null);
    }

    /** A value already in hand. */
    public static <T> Once<T> of(T value) {
        return new Once<>(null, Objects.requireNonNull(value, "value"));
    }

    /**
     * The value, made now if it was not yet.
     *
     * @throws NullPointerException when the maker makes null
     */
    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(make.get(), "made as null");
                    value = made;
                    make = null;
                }
            }
        }
        return made;
    }

    /** Whether the value is in hand: given, or made already. */
    public boolean isMade() {
        return value != null;
    }
}

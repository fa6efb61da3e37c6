package io.kafkaesk.logging;

/** A message class shaped like the ones kafkaesk generates: a data class with an {@code OrderSchema} beside it. */
public class Order {
    private String id = "";
    private double total;

    public String getId() {
        return id;
    }

    public Order withId(String id) {
        this.id = id;
        return this;
    }

    public double getTotal() {
        return total;
    }

    public Order withTotal(double total) {
        this.total = total;
        return this;
    }

    @Override
    public String toString() {
        return "Order[" + id + "]";
    }
}

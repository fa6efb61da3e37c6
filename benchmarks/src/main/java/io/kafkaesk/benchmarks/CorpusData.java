package io.kafkaesk.benchmarks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generators of realistic, varied messages for the corpus's schemas, as JSON-shaped data: names, streets and
 * cities from short lists, SKUs, prices, quantities and counts drawn at random, optional and nullable properties
 * sometimes present, sometimes absent or null; every message valid for its schema. Each takes a seeded
 * {@link Random} and the message's number, so a pool is the same from run to run.
 */
final class CorpusData {
    private static final OffsetDateTime BASE = OffsetDateTime.of(2026, 11, 27, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final String[] FIRST = {"Ada", "Grace", "Linus", "Margaret", "Alan", "Edsger", "Barbara",
        "Ken", "Frances", "Donald", "Radia", "Niklaus", "Sophie", "Tim", "Hedy", "José", "Zoë", "Łukasz"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Dijkstra",
        "Liskov", "Thompson", "Allen", "Knuth", "Perlman", "Wirth", "Wilson", "Berners-Lee", "Lamarr", "Müller"};
    private static final String[] STREETS = {"High Street", "Station Road", "Rue de la Paix", "Hauptstraße",
        "Calle Mayor", "Via Roma", "Kings Road", "Market Square", "Church Lane", "Mill Road", "Harbour View"};
    private static final String[][] CITIES = {{"London", "GB", "SW1A 1AA"}, {"Paris", "FR", "75002"},
        {"Berlin", "DE", "10115"}, {"Madrid", "ES", "28013"}, {"Rome", "IT", "00184"}, {"Dublin", "IE", "D02 X285"},
        {"Amsterdam", "NL", "1012 AB"}, {"Vienna", "AT", "1010"}, {"Lisbon", "PT", "1100-148"},
        {"Stockholm", "SE", "111 52"}, {"Warsaw", "PL", "00-001"}, {"Edinburgh", "GB", "EH1 1YZ"}};
    private static final String[] REGIONS = {"Greater London", "Île-de-France", "Berlin", "Community of Madrid",
        "Lazio", "Leinster", "North Holland", "Vienna", "Lisbon", "Stockholm County", "Masovia", "Lothian"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "GBP", "USD", "SEK", "PLN"};
    private static final String[] TAGS = {"gift", "express", "first-order", "b2b", "fragile", "subscription",
        "promo-winter", "marketplace", "click-and-collect", "returning"};
    private static final String[] CARRIERS = {"DHL", "UPS", "FEDEX", "GLS", "DPD", "POSTNL", "COLISS"};
    private static final String[] FACILITIES = {"LHR01", "CDG02", "FRA01", "MAD03", "FCO01", "DUB02", "AMS01"};
    private static final String[] NOTES = {"Arrived at sorting facility", "Departed facility",
        "Customs cleared", "Held for address check", "Loaded onto vehicle", "Delivery attempted, no one home"};

    private CorpusData() {}

    // ---- the examples module's schemas ----

    /** {@code OrderPlaced:1}: an order id, a customer, a total. */
    static Map<String, Object> orderPlaced(Random r, int seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", "ord-" + (100_000 + seq));
        m.put("customer", person(r));
        m.put("total", cents(r, 500, 250_000) / 100.0);
        return m;
    }

    /** {@code OrderPlaced:2}: lines and an address to ship to. */
    static Map<String, Object> orderPlacedV2(Random r, int seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", "ord-" + (200_000 + seq));
        m.put("customer", person(r));
        m.put("placedAt", instant(r, seq));
        List<Object> lines = new ArrayList<>();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", sku(r));
            line.put("quantity", 1 + r.nextInt(r.nextInt(10) == 0 ? 40 : 4));
            line.put("unitPrice", cents(r, 99, 49_999) / 100.0);
            lines.add(line);
        }
        m.put("lines", lines);
        m.put("shipTo", shopAddress(r));
        return m;
    }

    /** {@code PaymentSettled:1}: an amount and a status. */
    static Map<String, Object> paymentSettled(Random r, int seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", "ord-" + (200_000 + seq));
        m.put("amount", cents(r, 99, 500_000) / 100.0);
        m.put("status", r.nextInt(12) == 0 ? "declined" : "approved");
        return m;
    }

    /** {@code ShipmentDispatched:1}: a carrier and a destination. */
    static Map<String, Object> shipmentDispatched(Random r, int seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", "ord-" + (200_000 + seq));
        m.put("carrier", r.nextBoolean() ? "post" : "courier");
        m.put("destination", shopAddress(r));
        return m;
    }

    // ---- the benchmark's realistic schemas ----

    /** {@code OrderSubmitted:1}: customer, two addresses, lines with prices, coupon, tags, a payment. */
    static Map<String, Object> orderSubmitted(Random r, int seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", uuid(r).toString());
        m.put("submittedAt", instant(r, seq));
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("customerId", String.format(Locale.ROOT, "C%08d", r.nextInt(100_000_000)));
        if (r.nextInt(5) != 0) {
            customer.put("displayName", person(r));
        }
        int tier = r.nextInt(10);
        customer.put("tier", tier < 6 ? "standard" : tier < 9 ? "silver" : "gold");
        m.put("customer", customer);
        String currency = pick(r, CURRENCIES);
        Map<String, Object> shipping = address(r);
        m.put("shippingAddress", shipping);
        if (r.nextInt(3) != 0) {
            m.put("billingAddress", r.nextBoolean() ? shipping : address(r));
        }
        List<Object> lines = new ArrayList<>();
        long total = 0;
        int n = 1 + r.nextInt(r.nextInt(8) == 0 ? 12 : 4);
        for (int i = 0; i < n; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", sku(r));
            int quantity = 1 + r.nextInt(r.nextInt(10) == 0 ? 50 : 3);
            line.put("quantity", quantity);
            long unit = cents(r, 99, 89_999);
            line.put("unitPrice", money(unit, currency));
            long discount = 0;
            if (r.nextInt(4) == 0) {
                discount = unit * quantity / 10;
                line.put("discount", money(discount, currency));
            }
            total += unit * quantity - discount;
            lines.add(line);
        }
        m.put("lines", lines);
        m.put("total", money(total, currency));
        int coupon = r.nextInt(10);
        if (coupon < 3) {
            m.put("couponCode", "WINTER" + (10 + r.nextInt(90)));
        } else if (coupon < 5) {
            m.put("couponCode", null);
        }
        Set<String> tags = new LinkedHashSet<>();
        int tagCount = r.nextInt(4);
        while (tags.size() < tagCount) {
            tags.add(pick(r, TAGS));
        }
        m.put("tags", List.copyOf(tags));
        Map<String, Object> payment = new LinkedHashMap<>();
        if (r.nextInt(5) != 0) {
            payment.put("method", "card");
            payment.put("brand", pick(r, new String[] {"visa", "visa", "mastercard", "amex"}));
            payment.put("last4", String.format(Locale.ROOT, "%04d", r.nextInt(10_000)));
        } else {
            payment.put("method", "invoice");
            payment.put("dueDays", pick(r, new Integer[] {14, 30, 30, 60, 90}));
        }
        m.put("payment", payment);
        return m;
    }

    /** {@code ShipmentProgressed:1}: carrier, addresses, parcels with values, checkpoints at facilities. */
    static Map<String, Object> shipmentProgressed(Random r, int seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shipmentId", uuid(r).toString());
        m.put("orderId", uuid(r).toString());
        OffsetDateTime reported = BASE.plusSeconds(seq * 37L + r.nextInt(3600)).plusNanos(r.nextInt(1000) * 1_000_000L);
        m.put("reportedAt", reported.toString());
        String[] statuses = {"label-created", "in-transit", "in-transit", "in-transit", "out-for-delivery",
            "delivered", "exception"};
        String status = pick(r, statuses);
        m.put("status", status);
        String carrier = pick(r, CARRIERS);
        m.put("carrier", Map.of("code", carrier, "trackingNumber",
                carrier.substring(0, 2) + String.format(Locale.ROOT, "%010d", r.nextInt(Integer.MAX_VALUE))
                        + (r.nextBoolean() ? "GB" : "DE")));
        if (r.nextInt(4) != 0) {
            m.put("origin", address(r));
        }
        m.put("destination", address(r));
        String currency = pick(r, CURRENCIES);
        List<Object> parcels = new ArrayList<>();
        int n = 1 + r.nextInt(r.nextInt(6) == 0 ? 6 : 2);
        for (int i = 0; i < n; i++) {
            Map<String, Object> parcel = new LinkedHashMap<>();
            parcel.put("parcelId", uuid(r).toString());
            parcel.put("weightGrams", 50 + r.nextInt(r.nextInt(5) == 0 ? 30_000 : 4_000));
            parcel.put("declaredValue", money(cents(r, 500, 150_000), currency));
            Set<String> contents = new LinkedHashSet<>();
            int items = r.nextInt(5);
            while (contents.size() < items) {
                contents.add(sku(r));
            }
            parcel.put("contents", List.copyOf(contents));
            parcels.add(parcel);
        }
        m.put("parcels", parcels);
        List<Object> checkpoints = new ArrayList<>();
        int stops = status.equals("label-created") ? 0 : 1 + r.nextInt(5);
        Map<String, Object> last = null;
        for (int i = 0; i < stops; i++) {
            Map<String, Object> checkpoint = new LinkedHashMap<>();
            checkpoint.put("at", reported.minusHours((stops - i) * 7L + r.nextInt(5)).toString());
            last = facility(r);
            checkpoint.put("facility", last);
            int note = r.nextInt(4);
            if (note < 2) {
                checkpoint.put("note", pick(r, NOTES));
            } else if (note == 2) {
                checkpoint.put("note", null);
            }
            checkpoints.add(checkpoint);
        }
        m.put("checkpoints", checkpoints);
        if (last != null) {
            m.put("lastFacility", last);
        }
        if (!status.equals("delivered") && r.nextBoolean()) {
            m.put("estimatedDelivery", reported.plusDays(1 + r.nextInt(4)).withHour(18).withMinute(0).toString());
        } else if (r.nextBoolean()) {
            m.put("estimatedDelivery", null);
        }
        if (status.equals("delivered")) {
            m.put("signature", r.nextInt(3) == 0 ? null : pick(r, LAST).toUpperCase(Locale.ROOT));
        }
        return m;
    }

    // ---- parts ----

    /** The examples' {@code address.json}: street, city, country. */
    private static Map<String, Object> shopAddress(Random r) {
        String[] city = pick(r, CITIES);
        return Map.of("street", (1 + r.nextInt(220)) + " " + pick(r, STREETS), "city", city[0], "country", city[1]);
    }

    private static Map<String, Object> address(Random r) {
        String[] city = pick(r, CITIES);
        int i = indexOf(city);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", person(r));
        a.put("line1", (1 + r.nextInt(220)) + " " + pick(r, STREETS));
        int line2 = r.nextInt(6);
        if (line2 == 0) {
            a.put("line2", "Flat " + (1 + r.nextInt(40)));
        } else if (line2 == 1) {
            a.put("line2", null);
        }
        a.put("city", city[0]);
        if (r.nextBoolean()) {
            a.put("region", REGIONS[i]);
        }
        a.put("postalCode", city[2]);
        a.put("country", city[1]);
        return a;
    }

    private static Map<String, Object> facility(Random r) {
        String code = pick(r, FACILITIES);
        String[] city = CITIES[Math.floorMod(code.hashCode(), CITIES.length)];
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", code);
        if (r.nextInt(5) != 0) {
            f.put("city", city[0]);
        }
        f.put("country", city[1]);
        return f;
    }

    private static Map<String, Object> money(long cents, String currency) {
        return Map.of("amount", String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100),
                "currency", currency);
    }

    private static String person(Random r) {
        return pick(r, FIRST) + " " + pick(r, LAST);
    }

    private static String sku(Random r) {
        String[] families = {"ABC", "BKS", "ELC", "HOM", "TOY", "GRD", "SPT"};
        return pick(r, families) + "-" + String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000));
    }

    private static String instant(Random r, int seq) {
        return BASE.plusSeconds(seq * 11L + r.nextInt(60)).plusNanos(r.nextInt(1000) * 1_000_000L).toString();
    }

    private static UUID uuid(Random r) {
        return new UUID(r.nextLong() & 0xffffffffffff0fffL | 0x4000L, r.nextLong() & 0x3fffffffffffffffL
                | 0x8000000000000000L);
    }

    /** A price in cents between {@code min} and {@code max}, mostly ending in 99 or 00, as prices do. */
    private static long cents(Random r, int min, int max) {
        long c = min + r.nextInt(max - min);
        int ending = r.nextInt(4);
        return ending == 0 ? c - c % 100 : ending == 1 ? c - c % 100 + 99 : c;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static int indexOf(String[] city) {
        for (int i = 0; i < CITIES.length; i++) {
            if (CITIES[i] == city) {
                return i;
            }
        }
        throw new IllegalArgumentException(city[0]);
    }
}

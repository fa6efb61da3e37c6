// The consumer generated from the shop artifact's schemas (without copying them) and from its own, and its
// publish/subscribe test ran against the broker.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the publish/subscribe test did not run'
def gen = new File(basedir, 'target/generated-sources/kafkaesk/com/acme/consumer')
['shop_events/ShopOrder', 'shop_events/ShopOrderPublisher', 'shop_events/common/Customer', 'Shipment',
 'KafkaeskSchemas'].each { name ->
    assert new File(gen, name + '.java').isFile() : "missing ${name}.java"
}
assert new File(gen, 'shop_events/ShopOrder.java').text.contains('// Source: shop-events/order.json')
assert !new File(basedir, 'src/main/schemas/shop-events').exists() : 'no schema file is copied into the sources'
return true

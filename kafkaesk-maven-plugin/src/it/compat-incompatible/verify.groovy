// Version 2 breaks consumers of version 1: every break is listed at once, with the rule, both files, lines and
// pointers, who breaks, and a fix.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('kafkaesk: 3 schema errors:') : 'the breaks are reported together'
assert log.contains('[kafkaesk:incompatible-change] order-v2.json:8:43 at /properties/status/enum: enum-value-removed from Order:1 to Order:2 (BACKWARD): the values ["paid"] are no longer accepted; old: order.json:8:43 at /properties/status/enum; new: order-v2.json:8:43 at /properties/status/enum. Consumers of Order:2 reject Order:1 messages still on the stream')
assert log.contains('[kafkaesk:incompatible-change] order-v2.json:9:24 at /properties/total/type: type-narrowed from Order:1 to Order:2 (BACKWARD): the type changed from [number] to [integer]: numbers with a fraction are no longer accepted; old: order.json:9:24 at /properties/total/type')
assert log.contains('[kafkaesk:incompatible-change] order-v2.json:11:27 at /required/1: required-property-added from Order:1 to Order:2 (BACKWARD): "status" is required by the new version but not by the old one; old: order.json:8:15 at /properties/status; new: order-v2.json:11:27 at /required/1.')
assert log.contains('fix: keep every old enum value')
assert log.contains('fix: ')
assert !new File(basedir, 'target/generated-sources/kafkaesk/com/acme/events/OrderV2.java').exists()
return true

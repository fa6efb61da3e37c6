// Version 2 is checked against version 1 as released in io.kafkaesk.it:shop-events:1.0, resolved from the local
// repository (installed there by setup-shop-events).
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('kafkaesk: 1 schema error:')
assert log.contains('[kafkaesk:incompatible-change] order-v2.json:12:45 at /properties/total/minimum: range-tightened from ShopOrder:1 to ShopOrder:2 (BACKWARD): the lower bound from minimum 0 to minimum 1 excludes old values; old: io.kafkaesk.it:shop-events:1.0!io/kafkaesk/it/shop/order.json:13:45 at /properties/total/minimum; new: order-v2.json:12:45 at /properties/total/minimum.')
return true

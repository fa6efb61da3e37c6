// Version 2 widens version 1 only, so the BACKWARD check passes; the AsyncAPI document describes the stream.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !log.contains('incompatible-change')
assert new File(basedir, 'target/classes/com/acme/events/OrderV2.class').isFile()
def yaml = new File(basedir, 'target/kafkaesk/asyncapi.yaml')
assert yaml.isFile() : 'no asyncapi.yaml'
assert yaml.text =~ /asyncapi: "?3\.0\.0"?/
assert yaml.text.contains('orders.placed')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/kafkaesk/asyncapi.json'))
assert json.channels['orders.placed'].messages.keySet() == ['Order.v1', 'Order.v2'] as Set
assert json.components.messages['Order.v2'].payload.properties.data.properties.channel.enum == ['web', 'store']
assert new File(basedir, 'target/classes/META-INF/kafkaesk/asyncapi.json').isFile() : 'not on the class path'
return true

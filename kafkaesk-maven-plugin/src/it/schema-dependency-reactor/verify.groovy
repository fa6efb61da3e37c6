// In a reactor built to the compile phase, the consumer generated from the producer module's schemas, read from its
// classes directory (the producer was never packaged nor installed), and compiled against the generated classes.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def producerClasses = new File(basedir, 'producer/target/classes').canonicalPath
assert log.contains('kafkaesk: schemaDependencies io.kafkaesk.it:producer:0.1 resolved to ' + producerClasses) :
        'the schema dependency was not resolved from the reactor'
assert !new File(basedir, 'producer/target/producer-0.1.jar').exists() : 'the producer was packaged'
def gen = new File(basedir, 'consumer/target/generated-sources/kafkaesk/com/acme/analytics/producer')
assert new File(gen, 'ShopOrderSubscriber.java').isFile()
assert new File(basedir, 'consumer/target/classes/com/acme/analytics/Revenue.class').isFile()
return true

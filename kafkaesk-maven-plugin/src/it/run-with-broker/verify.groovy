// kafkaesk:broker started a broker in the background, kafkaesk:run's worker used it (not a broker of its own),
// shipped and tracked four parcels, stopped by itself, and kafkaesk:broker-stop stopped the broker.
def log = new File(basedir, 'build.log').text
def ready = log =~ /Kafka is ready at (localhost:\d+) \(data in .*\), in the background/
assert ready.find() : 'kafkaesk:broker did not start a broker in the background'
def servers = ready.group(1)
assert servers != 'localhost:0' : 'port 0 was not replaced by a free port'
assert !log.contains('starting an in-process Kafka broker') : 'kafkaesk:run started a broker of its own'
assert log.contains("kafkaServers=[${servers}]") : "the worker did not use the broker at ${servers}"

def shipped = log.indexOf('shipped 4 parcels')
assert shipped > log.indexOf('Kafka is ready at') : 'the worker did not ship its parcels after the broker started'
['p1 to Prague', 'p2 to Lisbon', 'p3 to Oslo', 'p4 to Quito'].each { parcel ->
    assert log.contains("tracked ${parcel}") : "parcel ${parcel} was not tracked"
}
def stoppedWorker = log.indexOf('Every subscription has stopped; closing the application')
assert stoppedWorker > 0 : 'the worker did not stop by itself'
def stoppedBroker = log.indexOf("Stopped the Kafka broker at ${servers}")
assert stoppedBroker > stoppedWorker : 'kafkaesk:broker-stop did not stop the broker after the worker'
assert log.contains('BUILD SUCCESS')

// The records are in the data directory of the broker that kafkaesk:broker started.
def partition = new File(basedir, 'target/kafka-broker/it.parcels-0')
assert partition.isDirectory() : "no partition ${partition} in the broker's data directory"
def segments = partition.listFiles().findAll { it.name.endsWith('.log') }
assert segments.sum(0L) { it.length() } > 0 : "the broker's log of it.parcels is empty"
return true

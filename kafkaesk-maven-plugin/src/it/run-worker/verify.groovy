// kafkaesk:run started its own broker, ran the worker until its subscription stopped, and ended with success.
def log = new File(basedir, 'build.log').text
assert log.contains('No kafkaServers given (-Dkafkaesk.kafkaServers): starting an in-process Kafka broker') : 'the goal did not say it starts a broker'
assert log.contains('published 3 greetings') : 'the worker did not publish'
(1..3).each { n ->
    assert log.contains("received g${n}: hello ${n}") : "greeting ${n} was not received"
}
assert log.contains('kafkaesk: no SLF4J provider on the class path') : 'the worker did not say it logs to standard error'
assert log.contains('INFO [main] io.kafkaesk.Application - kafkaesk application initialized') : 'the worker did not log at INFO'
assert log.contains('Every subscription has stopped; closing the application') : 'the worker did not stop by itself'
assert log.contains('BUILD SUCCESS')
return true

// Each typo failed the build with its own error: id, file:line:column, pointer, message and a did-you-mean fix.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('kafkaesk: 7 schema errors:') : 'errors are reported together'
def expected = [
    '[kafkaesk:unknown-keyword] content.json:5:16 at /propertes: unknown keyword "propertes"': 'did you mean "properties"?',
    '[kafkaesk:unknown-keyword] content.json:9:15 at /requierd: unknown keyword "requierd"': 'did you mean "required"?',
    '[kafkaesk:unresolved-key] reading.json:3:58 at /x-kafkaesk/key: x-kafkaesk.key "/binn" names no property: the data has no property "binn"': 'did you mean "/bin"?',
    '[kafkaesk:unknown-keyword] reading.json:6:44 at /properties/bin/maxLenght: unknown keyword "maxLenght"': 'did you mean "maxLength"?',
    '[kafkaesk:invalid-type] reading.json:7:23 at /properties/count/type: invalid type "integr"': 'did you mean "integer"?',
    '[kafkaesk:unknown-format] reading.json:8:40 at /properties/at/format: unknown format "date-tme"': 'did you mean "date-time"?',
    '[kafkaesk:undeclared-required] reading.json:11:23 at /required/1: required property "cuont" is not declared in "properties"': 'did you mean "count"?',
]
def lines = log.readLines()
expected.each { error, fix ->
    int i = lines.findIndexOf { it.contains(error) }
    assert i >= 0 : "missing: " + error
    assert lines[i + 1].endsWith('fix: ' + fix) : "after " + error + " expected fix: " + fix + " but was: " + lines[i + 1]
}
assert !log.contains('javaJsonView') : 'a keyword in allowedKeywords is accepted'
assert !new File(basedir, 'target/generated-sources/kafkaesk/com/acme/events/Content.java').exists()
return true

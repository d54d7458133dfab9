package api

// PersonOf is personOf, for tests that build a request body from a stored person.
var PersonOf = personOf

// MeasureKind and MeasureBetter are how the API writes a measure's kind and which way it is better, for the rules
// of the OpenAPI document's lists of values.
var MeasureKind, MeasureBetter = measureKind, measureBetter

package api

// PersonOf is personOf, for tests that build a request body from a stored person.
var PersonOf = personOf

package auth

import (
	"bytes"
	"encoding/gob"
	"maps"
	"slices"
	"time"
)

// sortedCodec encodes a session as scs's own gob codec does, but with its values in the order of their keys, so
// the same session always encodes to the same bytes. scs's codec encodes a Go map, whose order changes from one
// encoding to the next: the touch store, which saves a session only when its bytes change, then saved most
// sessions on most requests, and on SQLite every save empties every other connection's cache of the database.
//
// It reads sessions saved by scs's codec too, so nobody is signed out when it is first deployed.
type sortedCodec struct{}

// sessionValue is one of a session's values.
type sessionValue struct {
	Key   string
	Value any
}

// encodedSession is a session as stored. Values is what scs's own codec wrote; sortedCodec writes Sorted.
type encodedSession struct {
	Deadline time.Time
	Values   map[string]any
	Sorted   []sessionValue
}

func (sortedCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	s := encodedSession{Deadline: deadline, Sorted: make([]sessionValue, 0, len(values))}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		s.Sorted = append(s.Sorted, sessionValue{Key: k, Value: values[k]})
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (sortedCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	var s encodedSession
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&s); err != nil {
		return time.Time{}, nil, err
	}
	values := s.Values
	if values == nil {
		values = make(map[string]any, len(s.Sorted))
	}
	for _, v := range s.Sorted {
		values[v.Key] = v.Value
	}
	return s.Deadline, values, nil
}

// Package postcodes keeps the centre of every UK postcode, loaded from the ONS Postcode Directory (open data, the
// same for every council, so outside the council wall), and measures distances between points on the earth.
package postcodes

import (
	"fmt"
	"math"
	"strings"
)

// Point is a place by latitude and longitude (WGS84, degrees).
type Point struct {
	Latitude, Longitude float64
}

// earthRadiusMetres is the mean radius of the earth.
const earthRadiusMetres = 6371008.8

// Distance is the great-circle distance between two points in metres (haversine).
func Distance(a, b Point) float64 {
	rad := func(d float64) float64 { return d * math.Pi / 180 }
	dLat := rad(b.Latitude - a.Latitude)
	dLon := rad(b.Longitude - a.Longitude)
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(rad(a.Latitude))*math.Cos(rad(b.Latitude))*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusMetres * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Box is a latitude and longitude range holding every point within a distance of a centre: the cheap filter an
// index can answer before the exact distance.
type Box struct {
	MinLat, MaxLat, MinLon, MaxLon float64
}

// BoxAround is the box holding every point within metres of p.
func BoxAround(p Point, metres float64) Box {
	dLat := metres / earthRadiusMetres * 180 / math.Pi
	cos := math.Cos(p.Latitude * math.Pi / 180)
	dLon := 180.0
	if cos > 1e-9 {
		dLon = math.Min(180, dLat/cos)
	}
	return Box{MinLat: p.Latitude - dLat, MaxLat: p.Latitude + dLat, MinLon: p.Longitude - dLon, MaxLon: p.Longitude + dLon}
}

// Normalise writes a postcode as the directory keeps it: upper case, no spaces but one before the last three
// characters ("zz993ab" → "ZZ99 3AB"). It refuses anything that cannot be a postcode's shape.
func Normalise(s string) (string, error) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(compact) < 5 || len(compact) > 7 {
		return "", fmt.Errorf("%q is not a postcode: a postcode has 5 to 7 letters and numbers, like ZZ99 3AB", s)
	}
	for _, r := range compact {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return "", fmt.Errorf("%q is not a postcode: use only letters and numbers, like ZZ99 3AB", s)
		}
	}
	in := compact[len(compact)-3:]
	if in[0] < '0' || in[0] > '9' {
		return "", fmt.Errorf("%q is not a postcode: the last part starts with a number, like ZZ99 3AB", s)
	}
	return compact[:len(compact)-3] + " " + in, nil
}

// Miles is a distance in metres as a social worker reads it: "0.4 miles", "12 miles".
func Miles(metres float64) string {
	m := metres / 1609.344
	switch {
	case m < 0.1:
		return "less than 0.1 miles"
	case m < 10:
		return fmt.Sprintf("%.1f miles", m)
	default:
		return fmt.Sprintf("%.0f miles", m)
	}
}

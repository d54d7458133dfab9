// Package directorytest holds a small synthetic Open Referral UK feed for tests: invented organisations,
// services and places, with positions near the invented postcodes of internal/postcodes/testdata.
package directorytest

import (
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/directory"
)

// ID is the n-th id of the feed numbered feed: a UUID that no other feed shares.
func ID(feed, n int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", feed, n) }

// file is one CSV file of a feed, a line to each of lines.
func file(name string, lines ...string) directory.File {
	return directory.File{Name: name, Data: []byte(strings.Join(lines, "\n") + "\n")}
}

// The services of Feed, by their number in ID.
const (
	Walking = 10 // free, Tuesdays 10:00 to 12:00, at ZZ99 1AA, "Social activities"
	Lunch   = 11 // £3.50, Thursdays 12:00 to 14:00, about 5.6 km north
	Carers  = 12 // no place, last checked in 2020
)

// Feed is a council's directory in the CSV layout: one organisation, three services, two places, a taxonomy with
// one term. feed keeps the ids apart from any other feed's.
func Feed(feed int) []directory.File {
	id := func(n int) string { return ID(feed, n) }
	return []directory.File{
		file("organizations.csv", "id,name,description,email",
			id(1)+",Riverside Friends,Volunteers who run groups for older people,hello@riverside.example"),
		file("taxonomies.csv", "id,name,description", id(2)+",Exampleton categories,The council's own categories"),
		file("taxonomy_terms.csv", "id,name,description,taxonomy_id", id(3)+",Social activities,Groups and clubs,"+id(2)),
		file("services.csv", "id,organization_id,name,description,status,assured_date,eligibility_description",
			id(Walking)+","+id(1)+",Walking group,Gentle weekly walks in the park for older people,active,2026-10-01,Anyone over 60",
			id(Lunch)+","+id(1)+",Lunch club,Hot meals and company every week,active,2026-09-01,",
			id(Carers)+","+id(1)+",Carers' café,Visiting support and a chat for unpaid carers,active,2020-01-01,"),
		file("locations.csv", "id,location_type,name,latitude,longitude",
			id(20)+",physical,Riverside Park Pavilion,51.5000,-0.1000",
			id(21)+",physical,St Example's Hall,51.5500,-0.1000"),
		file("address.csv", "id,location_id,address_1,city,state_province,postal_code,country,address_type",
			id(22)+","+id(20)+",1 Park Road,Exampleton,Exampleshire,ZZ99 1AA,GB,physical",
			id(23)+","+id(21)+",2 Church Lane,Exampleton,Exampleshire,ZZ99 2BB,GB,physical"),
		file("service_at_location.csv", "id,service_id,location_id", id(30)+","+id(Walking)+","+id(20), id(31)+","+id(Lunch)+","+id(21)),
		file("contacts.csv", "id,service_id,name,title", id(40)+","+id(Walking)+",Pat Example,Walk leader", id(41)+","+id(Lunch)+",Sam Example,Organiser"),
		file("phones.csv", "id,contact_id,number", id(42)+","+id(40)+",01632 960001", id(43)+","+id(41)+",01632 960002"),
		file("schedule.csv", "id,service_id,freq,byday,opens_at,closes_at,description",
			id(50)+","+id(Walking)+",WEEKLY,TU,10:00,12:00,Tuesday mornings",
			id(51)+","+id(Lunch)+",WEEKLY,TH,12:00,14:00,Thursday lunchtimes"),
		file("cost_options.csv", "id,service_id,option,amount,amount_description",
			id(60)+","+id(Walking)+",Free,0,No charge",
			id(61)+","+id(Lunch)+",Lunch,3.5,per meal"),
		file("attribute.csv", "id,link_id,taxonomy_term_id,link_type", id(70)+","+id(Walking)+","+id(3)+",service"),
	}
}

// The services of Clubs, by their number in ID.
const (
	Gardening = 110 // Wednesdays 10:00 to 12:00 at the community garden, free
	Falls     = 111 // a falls-prevention class, Mondays 14:00 to 15:00 at St Example's Hall, £2
)

// Clubs is a second organisation for the same council's directory, with the services a signposting test finds
// by words: a gardening club and a falls-prevention exercise class. Its ids (from 100) do not meet Feed's, so
// both import into one council, one after the other.
func Clubs(feed int) []directory.File {
	id := func(n int) string { return ID(feed, n) }
	return []directory.File{
		file("organizations.csv", "id,name,description,email",
			id(101)+",Exampleton Active Ageing,Clubs and classes that keep older people active,hello@active.example"),
		file("services.csv", "id,organization_id,name,description,status,assured_date",
			id(Gardening)+","+id(101)+",Gardening club,Growing vegetables and flowers together at the community garden,active,2026-10-01",
			id(Falls)+","+id(101)+",Falls prevention class,Strength and balance exercises to prevent falls,active,2026-10-01"),
		file("locations.csv", "id,location_type,name,latitude,longitude",
			id(120)+",physical,Exampleton Community Garden,51.5100,-0.1000"),
		file("address.csv", "id,location_id,address_1,city,state_province,postal_code,country,address_type",
			id(122)+","+id(120)+",3 Allotment Way,Exampleton,Exampleshire,ZZ99 1AB,GB,physical"),
		file("service_at_location.csv", "id,service_id,location_id", id(130)+","+id(Gardening)+","+id(120)),
		file("contacts.csv", "id,service_id,name,title", id(140)+","+id(Gardening)+",Jo Example,Garden leader", id(141)+","+id(Falls)+",Lee Example,Instructor"),
		file("phones.csv", "id,contact_id,number", id(142)+","+id(140)+",01632 960010", id(143)+","+id(141)+",01632 960011"),
		file("schedule.csv", "id,service_id,freq,byday,opens_at,closes_at,description",
			id(150)+","+id(Gardening)+",WEEKLY,WE,10:00,12:00,Wednesday mornings",
			id(151)+","+id(Falls)+",WEEKLY,MO,14:00,15:00,Monday afternoons"),
		file("cost_options.csv", "id,service_id,option,amount,amount_description",
			id(160)+","+id(Gardening)+",Free,0,No charge",
			id(161)+","+id(Falls)+",Class,2,per class"),
	}
}

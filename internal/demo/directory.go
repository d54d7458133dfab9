package demo

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// DirectoryFiles are the files WriteDirectory writes: the Open Referral UK CSV layout, and PostcodeFile.
var DirectoryFiles = []string{"organizations.csv", "taxonomies.csv", "taxonomy_terms.csv", "services.csv", "locations.csv",
	"address.csv", "service_at_location.csv", "contacts.csv", "phones.csv", "schedule.csv", "cost_options.csv", "attribute.csv"}

// PostcodeFile is the synthetic postcode file WriteDirectory writes beside the feed, in the ONS Postcode
// Directory's CSV layout (pcds, lat, long), so searches by distance from a postcode work on the generated places.
const PostcodeFile = "postcodes.csv"

// DirectoryPostcodes is how many synthetic postcodes a generated directory's places are spread around: one for
// each pair of the inward code's 20 letters.
const DirectoryPostcodes = 400

// DirectoryPostcode is the n-th synthetic postcode of a generated directory: ZZ99 followed by a digit and two
// letters, the NHS pseudo-postcodes that no real address has.
func DirectoryPostcode(n int) string {
	const letters = "ABDEFGHJLNPQRSTUWXYZ" // the letters the inward code uses
	n %= DirectoryPostcodes
	return fmt.Sprintf("ZZ99 1%c%c", letters[n/len(letters)], letters[n%len(letters)])
}

// postcodePoint is the centre of the n-th synthetic postcode: a 20 by 20 grid about 1.1 km apart, in the middle
// of England.
func postcodePoint(n int) (lat, lon float64) {
	n %= DirectoryPostcodes
	return 52.3 + float64(n/20)*0.01, -1.6 + float64(n%20)*0.016
}

// DirectoryID is the n-th id of kind k in a generated directory: a UUID that the small test feeds never use.
func DirectoryID(k, n int) string { return fmt.Sprintf("de%06x-0000-4000-8000-%012x", k, n) }

// The kinds of record, for DirectoryID.
const (
	idOrganisation = iota + 1
	idTaxonomy
	idTerm
	idService
	idLocation
	idAddress
	idServiceAtLocation
	idContact
	idPhone
	idSchedule
	idCost
	idAttribute
)

// dirPlaces are the demo county's places. The directory's grid of postcodes is split between them, two rows of
// four, each place a block of 5 by 10 postcodes (placeOf): a service is run in its organisation's place, and a
// demo person lives in the place of their postcode, so what is near a person is what their town offers.
var dirPlaces = []string{"Exampleton", "Sampleford", "Demoby", "Testbury", "Mockham on Sea", "Testwick", "Little Placeholder", "Fixture Green"}

// postcodesPerPlace is how many of the grid's postcodes each place holds.
const postcodesPerPlace = DirectoryPostcodes / 8

// placeOf is the index in dirPlaces of the place the n-th postcode is in.
func placeOf(n int) int {
	n %= DirectoryPostcodes
	return (n/20)/10*4 + (n%20)/5
}

// placePostcode is the k-th postcode of place p: its block's rows bottom to top, each row left to right.
func placePostcode(p, k int) int {
	k %= postcodesPerPlace
	return ((p/4)*10+k/5)*20 + (p%4)*5 + k%5
}

// dirActivity is a kind of community service the generated directory offers, with the category it is filed under.
type dirActivity struct{ name, about, term string }

var (
	dirGroups = []string{"Friends", "Neighbours", "Trust", "Community Association", "Volunteers", "Network", "Circle"}
	// dirActivities are what a strengths-based practitioner looks for first: every one is plainly fictional, and
	// the demo's history signposts people to those that fit what matters to them (theme.services).
	dirActivities = []dirActivity{
		{"Walking group", "Gentle walks for older people, at an easy pace, with a cup of tea afterwards", "Physical activity"},
		{"Lunch club", "A hot two-course meal and company, with transport for those who need it", "Food and meals"},
		{"Memory café", "A friendly café for people living with dementia and their carers", "Dementia support"},
		{"Carers' support group", "Time out, advice and a listening ear for unpaid carers", "Carers"},
		{"Befriending service", "A volunteer visits or phones each week for a chat", "Loneliness and isolation"},
		{"Chair exercise class", "Seated exercise to keep moving, for any level of mobility", "Physical activity"},
		{"Men's shed", "Woodwork, repairs and conversation in a shared workshop", "Social activities"},
		{"Community garden", "Growing vegetables and flowers together, gardening at your own pace, tools provided", "Gardening and outdoors"},
		{"Digital skills drop-in", "Help with phones, tablets, video calls and getting online, at your own pace", "Advice and information"},
		{"Benefits advice", "Free, confidential help to check and claim benefits", "Advice and information"},
		{"Singing for the brain", "Singing familiar songs, for people with memory problems", "Dementia support"},
		{"Shopping service", "Volunteers shop for, or with, people who cannot get out", "Practical help"},
		{"Handyperson scheme", "Small repairs and safety checks at home", "Practical help"},
		{"Knit and natter", "Knitting, crochet and conversation", "Social activities"},
		{"Stroke survivors' club", "Peer support and activities after a stroke", "Health conditions"},
		{"Sight loss support", "Advice, equipment and social groups for people with sight loss", "Health conditions"},
		{"Strength and balance class", "A six-month course of strength and balance exercises to prevent falls, led by a trained instructor", "Physical activity"},
		{"Falls prevention group", "Exercises, advice and confidence for people who have had a fall or worry about falling", "Physical activity"},
		{"Tai chi for beginners", "Slow, gentle movement to feel steadier on your feet, seated or standing", "Physical activity"},
		{"Gardening club", "Talks, plant swaps and gardening tips, with raised beds for those who find bending hard", "Gardening and outdoors"},
		{"Allotment group", "Shared allotment plots for gardening with others; no experience needed, help with the digging", "Gardening and outdoors"},
		{"Carers' café", "A relaxed café for unpaid carers, with cake, a chat and advice on taking a break", "Carers"},
		{"Telephone befriending", "A friendly phone call at the same time each week from a trained volunteer", "Loneliness and isolation"},
		{"Coffee morning", "A warm welcome, a hot drink and a chat, every week", "Loneliness and isolation"},
		{"Community café", "Pay-as-you-feel breakfasts and lunches, and a warm place to sit and talk", "Food and meals"},
		{"Community transport", "A door-to-door minibus to the shops, appointments and clubs, booked by phone", "Transport"},
		{"Declutter and tidy-up help", "Volunteers help sort, tidy and clear rooms at your own pace", "Practical help"},
		{"Volunteering drop-in", "Find a volunteering role that suits you, including seated and short roles", "Volunteering"},
	}
	dirDays = []string{"MO", "TU", "WE", "TH", "FR", "SA"}
)

// dirTerms are the taxonomy's terms, in the order their ids are numbered.
func dirTerms() []string {
	var terms []string
	seen := map[string]bool{}
	for _, a := range dirActivities {
		if !seen[a.term] {
			seen[a.term] = true
			terms = append(terms, a.term)
		}
	}
	return terms
}

// WriteDirectory writes an obviously fictional council's community directory of the given number of services into
// folder, in the Open Referral UK CSV layout, with a matching synthetic postcode file (PostcodeFile). Each service
// belongs to one of services/4 organisations and has a place near a synthetic ZZ99 postcode in its organisation's
// town, with its address, a contact with a phone number, one or two weekly sessions, a cost (free or a small charge)
// and a category; the first services are one of each kind (dirActivities), so every category has some. The same
// seed and size always write the same files; the files are written row by row, so the generator's own memory does
// not grow with the size.
func WriteDirectory(folder string, seed uint64, services int) error {
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return fmt.Errorf("make %s: %w", folder, err)
	}
	return writeDirectory(func(name string) (io.WriteCloser, error) { return os.Create(filepath.Join(folder, name)) }, seed, services, writtenAsOf)
}

// writtenAsOf is the day WriteDirectory's entries were last checked from, fixed so that its files depend only on
// the seed and size.
var writtenAsOf = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// writeDirectory writes the directory's files (DirectoryFiles and PostcodeFile) to what create makes of each name:
// files in a folder, or buffers in memory (AddDirectory), with the entries last checked in the months up to asOf.
func writeDirectory(create func(name string) (io.WriteCloser, error), seed uint64, services int, asOf time.Time) error {
	w := map[string]*csv.Writer{}
	var closers []func() error
	open := func(name string, header ...string) error {
		f, err := create(name)
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		buf := bufio.NewWriterSize(f, 1<<16)
		cw := csv.NewWriter(buf)
		w[name] = cw
		closers = append(closers, func() error {
			cw.Flush()
			if err := cw.Error(); err != nil {
				f.Close()
				return err
			}
			if err := buf.Flush(); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		})
		return cw.Write(header)
	}
	headers := [][]string{
		{"organizations.csv", "id", "name", "description", "email", "website"},
		{"taxonomies.csv", "id", "name", "description"},
		{"taxonomy_terms.csv", "id", "name", "description", "taxonomy_id"},
		{"services.csv", "id", "organization_id", "name", "description", "email", "status", "assured_date", "minimum_age", "eligibility_description"},
		{"locations.csv", "id", "location_type", "name", "latitude", "longitude"},
		{"address.csv", "id", "location_id", "address_1", "city", "state_province", "postal_code", "country", "address_type"},
		{"service_at_location.csv", "id", "service_id", "location_id"},
		{"contacts.csv", "id", "service_id", "name", "title"},
		{"phones.csv", "id", "contact_id", "number"},
		{"schedule.csv", "id", "service_id", "freq", "byday", "opens_at", "closes_at", "description"},
		{"cost_options.csv", "id", "service_id", "option", "amount", "amount_description"},
		{"attribute.csv", "id", "link_id", "taxonomy_term_id", "link_type"},
		{PostcodeFile, "pcds", "lat", "long"},
	}
	for _, h := range headers {
		if err := open(h[0], h[1:]...); err != nil {
			for _, c := range closers {
				_ = c() // the first error is the one to report
			}
			return err
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0xd1))
	put := func(name string, fields ...string) {
		_ = w[name].Write(fields) // errors are kept by the writer and returned when it is flushed
	}
	for n := range DirectoryPostcodes {
		lat, lon := postcodePoint(n)
		put(PostcodeFile, DirectoryPostcode(n), ftoa(lat), ftoa(lon))
	}
	put("taxonomies.csv", DirectoryID(idTaxonomy, 1), "Exampleshire community categories", "The demo council's own categories (fictional)")
	terms := dirTerms()
	termID := map[string]string{}
	for i, t := range terms {
		termID[t] = DirectoryID(idTerm, i+1)
		put("taxonomy_terms.csv", termID[t], t, t+" in the community", DirectoryID(idTaxonomy, 1))
	}
	orgs := max(1, services/4)
	for o := range orgs {
		place := dirPlaces[o%len(dirPlaces)]
		name := fmt.Sprintf("%s %s %d (demo)", place, dirGroups[o%len(dirGroups)], o+1)
		slug := strings.ToLower(strings.ReplaceAll(place, " ", ""))
		put("organizations.csv", DirectoryID(idOrganisation, o+1), name, "A fictional voluntary group in "+place,
			fmt.Sprintf("hello%d@%s.example", o+1, slug), fmt.Sprintf("https://%s.example/group-%d", slug, o+1))
	}
	sched := 0
	for s := range services {
		n := s + 1
		a := dirActivities[rng.IntN(len(dirActivities))]
		if s < len(dirActivities) {
			a = dirActivities[s]
		}
		org := rng.IntN(orgs)
		place := dirPlaces[org%len(dirPlaces)]
		pc := placePostcode(org%len(dirPlaces), rng.IntN(postcodesPerPlace))
		lat, lon := postcodePoint(pc)
		lat += (rng.Float64() - 0.5) * 0.01
		lon += (rng.Float64() - 0.5) * 0.016
		status := "active"
		switch r := rng.IntN(50); {
		case r == 0:
			status = "inactive"
		case r == 1:
			status = "temporarily closed"
		}
		// Most entries were checked in the last five months; one in eight is past the six months a council
		// gives by default, for an editor to check.
		checked := asOf.AddDate(0, 0, -rng.IntN(150)).Format(time.DateOnly)
		if rng.IntN(8) == 0 {
			checked = asOf.AddDate(0, 0, -200-rng.IntN(350)).Format(time.DateOnly)
		}
		minAge, elig := "", ""
		if rng.IntN(3) == 0 {
			minAge, elig = "60", "People aged 60 and over"
		}
		put("services.csv", DirectoryID(idService, n), DirectoryID(idOrganisation, org+1), fmt.Sprintf("%s %s", place, a.name),
			a.about+". Run by volunteers in "+place+".", fmt.Sprintf("service%d@demo.example", n), status, checked, minAge, elig)
		put("locations.csv", DirectoryID(idLocation, n), "physical", fmt.Sprintf("%s %s", place, pick(rng, []string{"Village Hall", "Library", "Community Centre", "Church Hall", "Sports Centre"})),
			ftoa(lat), ftoa(lon))
		put("address.csv", DirectoryID(idAddress, n), DirectoryID(idLocation, n), fmt.Sprintf("%d Example Street", 1+rng.IntN(200)), place,
			"Exampleshire", DirectoryPostcode(pc), "GB", "physical")
		put("service_at_location.csv", DirectoryID(idServiceAtLocation, n), DirectoryID(idService, n), DirectoryID(idLocation, n))
		put("contacts.csv", DirectoryID(idContact, n), DirectoryID(idService, n), pick(rng, []string{"Pat", "Sam", "Alex", "Jo", "Chris", "Robin"})+" Example", "Organiser")
		put("phones.csv", DirectoryID(idPhone, n), DirectoryID(idContact, n), fmt.Sprintf("01632 %06d", 960000+n%1000)) // Ofcom's drama range
		for range 1 + rng.IntN(2) {
			sched++
			day := dirDays[rng.IntN(len(dirDays))]
			open := 9 + rng.IntN(6)
			put("schedule.csv", DirectoryID(idSchedule, sched), DirectoryID(idService, n), "WEEKLY", day,
				fmt.Sprintf("%02d:00", open), fmt.Sprintf("%02d:00", open+2), "Every week")
		}
		if rng.IntN(3) == 0 {
			amount := strconv.FormatFloat(float64(1+rng.IntN(8))/2, 'f', 2, 64)
			put("cost_options.csv", DirectoryID(idCost, n), DirectoryID(idService, n), "Per session", amount, "a contribution towards costs")
		} else {
			put("cost_options.csv", DirectoryID(idCost, n), DirectoryID(idService, n), "Free", "0", "No charge")
		}
		put("attribute.csv", DirectoryID(idAttribute, n), DirectoryID(idService, n), termID[a.term], "service")
	}
	var firstErr error
	for _, c := range closers {
		if err := c(); err != nil && firstErr == nil {
			firstErr = fmt.Errorf("write the directory: %w", err)
		}
	}
	return firstErr
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 6, 64) }

// DirectoryServices is how many services the demo council's community directory holds: a few hundred, enough for
// every category to have some in every town.
const DirectoryServices = 300

// AddDirectory loads a generated community directory of the given number of services (WriteDirectory's) into the
// council in ctx, as `goldenthread postcodes import` and `goldenthread directory import` would: its postcodes into
// the national postcode table, then the feed through the directory's own Open Referral UK import, its entries
// checked in the months up to today. The files are written in memory: a few hundred services make well under a
// megabyte. Loading the same directory again the same day changes nothing.
func AddDirectory(ctx context.Context, db *sqldb.DB, seed uint64, services int) error {
	files := map[string]*bytes.Buffer{}
	err := writeDirectory(func(name string) (io.WriteCloser, error) {
		files[name] = &bytes.Buffer{}
		return nopCloser{files[name]}, nil
	}, seed, services, db.Today().Time)
	if err != nil {
		return fmt.Errorf("write the demo directory: %w", err)
	}
	pcs := files[PostcodeFile].Bytes()
	rep, err := postcodes.NewStore(db).Import(ctx, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(pcs)), nil })
	if err != nil {
		return fmt.Errorf("import the demo directory's postcodes: %w", err)
	}
	if !rep.OK() {
		return fmt.Errorf("import the demo directory's postcodes: %v", rep.Problems)
	}
	feed := make([]directory.File, len(DirectoryFiles))
	for i, name := range DirectoryFiles {
		feed[i] = directory.File{Name: name, Data: files[name].Bytes()}
	}
	drep, err := directory.NewStore(db).Import(ctx, feed, false)
	if err != nil {
		return fmt.Errorf("import the demo directory: %w", err)
	}
	if !drep.OK() {
		return fmt.Errorf("import the demo directory: %v", drep.Problems)
	}
	return nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

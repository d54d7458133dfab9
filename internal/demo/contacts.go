package demo

import (
	"math/rand/v2"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/people"
)

// firstContact is the contact at the front door that opens an episode, made as one whole so that its words never
// contradict who made it: a daughter's worry is on a contact her daughter made, a GP's request on one a
// professional made, and a contact the person made is in their own words.
type firstContact struct {
	by      conversations.ContactBy
	name    string // who got in touch, when it was not the person
	reason  string
	channel string // codelists.ContactChannel
}

// professionalRoutes are the routes of access whose contact always comes from a professional, with who.
var professionalRoutes = map[string][]string{
	"Discharge from Hospital":          {"Ward 7 discharge team, Exampleshire General Hospital (demo)", "Discharge hub, Sampleford Community Hospital (demo)"},
	"Diversion from Hospital Services": {"Urgent community response team", "Paramedic crew, Exampleshire Ambulance Service (demo)"},
	"Prison":                           {"Healthcare team, HMP Exampleton (demo)"},
	"Discharge from Reablement":        {"Exampleshire reablement team (demo)"},
}

// communityProfessionals are the professionals who refer people living at home, each with what they say.
var communityProfessionals = []struct{ name, reason string }{
	{"Sampleford Health Centre (demo GP practice)", "GP asked us to see whether some support at home would help"},
	{"Community nursing team, Demoby", "District nurse concerned they are not managing their personal care between visits"},
	{"Testbury Housing Association (demo)", "Housing officer concerned they are struggling to manage the flat on their own"},
}

// familyWorries are what family, friends and neighbours say when they get in touch; %s is who they are to the
// person ("Their daughter", "A neighbour").
var familyWorries = []string{
	"%s is worried they are not eating properly since a bereavement",
	"%s says they are struggling to manage at home after a run of falls",
	"%s is asking about help with shopping and getting out",
	"%s is concerned they are not coping on their own",
}

// ownWords are what people say when they get in touch themselves.
var ownWords = []string{
	"Struggling to manage at home after a run of falls",
	"Asking about help with shopping and getting out",
	"Asking for information about day opportunities",
	"Finding the stairs hard and asking what help there is",
}

// newFirstContact makes the first contact of an episode by route of access, for person p. It draws from rng as
// many numbers, in the same order, as the demo always has for a first contact (who got in touch, who they were when
// that was a choice, then the words), so that the rest of each person's history stays as it was: the channel
// shares its draw with the words (reasonAndChannel).
func newFirstContact(rng *rand.Rand, route string, p people.Person) firstContact {
	c := firstContact{by: conversations.ContactBy(weighted(rng, []weight{{string(conversations.BySelf), 30}, {string(conversations.ByFamily), 35},
		{string(conversations.ByProfessional), 30}, {string(conversations.ByOther), 5}}))}
	if who, ok := professionalRoutes[route]; ok {
		c.by, c.name = conversations.ByProfessional, pick(rng, who)
		c.reason, c.channel = reasonAndChannel(rng, contactReasons[route], []weight{{"Another professional", 70}, {"Phone", 20}, {"Email", 10}})
		return c
	}
	var reasons []string
	var channels []weight
	switch c.by {
	case conversations.BySelf:
		reasons, channels = ownWords, []weight{{"Phone", 55}, {"Online form", 20}, {"Email", 10}, {"Visit", 10}, {"Letter", 5}}
		if p.ClientType == "Unpaid carer" {
			reasons = []string{"Asking for a break from caring"}
		}
	case conversations.ByFamily:
		who := ""
		if len(p.Network) > 0 {
			rel := familyWord(p.Network[0].Relationship)
			c.name, who = p.Network[0].Name+", "+rel, "Their "+rel
		} else {
			who = pick(rng, []string{"A neighbour", "A friend from church", "A niece"})
			c.name = who
		}
		for _, w := range familyWorries {
			reasons = append(reasons, strings.Replace(w, "%s", who, 1))
		}
		channels = []weight{{"Phone", 60}, {"Online form", 20}, {"Email", 15}, {"Visit", 5}}
	case conversations.ByProfessional:
		pro := communityProfessionals[rng.IntN(len(communityProfessionals))]
		c.name, reasons = pro.name, []string{pro.reason}
		channels = []weight{{"Another professional", 50}, {"Phone", 30}, {"Email", 20}}
	default:
		c.name, reasons = "Someone from the community centre", []string{"Community centre staff concerned they have stopped coming and may not be coping"}
		channels = []weight{{"Phone", 60}, {"Visit", 25}, {"Email", 15}}
	}
	// The routes apart from the community one say what happened, not who said it, so fit any caller.
	if general, ok := contactReasons[route]; ok {
		reasons = general
	}
	c.reason, c.channel = reasonAndChannel(rng, reasons, channels)
	return c
}

// reasonAndChannel picks one of reasons and a channel by its weight, from one draw.
func reasonAndChannel(rng *rand.Rand, reasons []string, channels []weight) (string, string) {
	total := 0
	for _, w := range channels {
		total += w.w
	}
	n := rng.IntN(len(reasons) * total)
	reason, k := reasons[n%len(reasons)], n/len(reasons)
	for _, w := range channels {
		if k < w.w {
			return reason, w.value
		}
		k -= w.w
	}
	return reason, channels[len(channels)-1].value
}

// familyWord is a relationship as a sentence names it: "daughter", "partner".
func familyWord(relationship string) string {
	if relationship == "Spouse or partner" {
		return "partner"
	}
	return strings.ToLower(relationship)
}

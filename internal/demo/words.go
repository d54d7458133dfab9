package demo

import "github.com/golden-thread/goldenthread/internal/plans"

// The words of the demo history: short, plain and obviously made up, in the person's own voice where the record
// keeps the person's words. None of it describes a real person.

// theme is one thing that matters to a person, followed from their hope to a SMART outcome with its Goal
// Attainment Scale, and the ideas for meeting it on the lower rungs of the ladder.
type theme struct {
	hope      string    // the aspiration, in their words
	term      string    // "short" or "long"
	different string    // what will be different, in their words
	howKnow   string    // how everyone will know
	levels    [5]string // −2, −1, 0 (expected), +1, +2
	wellbeing []string  // codelists.WellbeingArea
	eligible  []string  // codelists.AdultOutcome
	own       string    // a solution from their own strengths
	network   string    // a solution from their network
	community string    // a solution from the community
	info      string    // information and advice
	services  []string  // the kinds of community directory service that fit it (dirActivity.name), best first
}

var themes = []theme{
	{
		hope: "I want to keep cooking my own meals like I always have", term: "long",
		different: "I make myself a hot meal most days", howKnow: "I tell my daughter what I cooked when she rings on Sundays",
		levels:    [5]string{"Someone else makes every hot meal", "I make a hot meal once or twice a week", "I make a hot meal on at least five days a week", "I make a hot meal every day", "I cook every day and have had a friend round for tea"},
		wellbeing: []string{"b", "d"}, eligible: []string{"a"},
		own: "Uses the perching stool and plans simple meals the night before", network: "Daughter does the big shop online with them each Saturday",
		community: "Tuesday lunch club at Demoby community centre", info: "Information about the Exampleshire meals-on-wheels and frozen meal deliveries",
		services: []string{"Lunch club", "Community café"},
	},
	{
		hope: "I want to wash and get dressed in the morning without waiting for anyone", term: "short",
		different: "I wash and dress myself each morning", howKnow: "I am dressed by ten o'clock without help on most days, and I say so at the review",
		levels:    [5]string{"I need help to wash and dress every day", "I dress myself but need help to wash", "I wash and dress myself on most days", "I wash and dress myself every day", "I wash and dress myself every day and have a bath on my own each week"},
		wellbeing: []string{"a", "b"}, eligible: []string{"b", "d"},
		own: "Lays clothes out the night before and sits to dress, as they worked out themselves", network: "Husband is nearby in the mornings in case of a wobble",
		community: "Chair-based exercise class at Sampleford library to build strength", info: "Advice on easy-fastening clothes and where to buy them",
		services: []string{"Strength and balance class", "Chair exercise class", "Tai chi for beginners"},
	},
	{
		hope: "I want to get to the shops and the library on my own again", term: "long",
		different: "I go into town on my own each week", howKnow: "I have my library card stamped every week and show it at the review",
		levels:    [5]string{"I do not leave the house without someone", "I go out with someone once a week", "I go into town on my own once a week", "I go into town on my own twice a week", "I go out on my own whenever I choose, by bus as well"},
		wellbeing: []string{"e", "f"}, eligible: []string{"i"},
		own: "Practises the walk to the bus stop on good days, a bit further each time", network: "Neighbour walks to the shops with them on Thursdays",
		community: "Dial-a-ride bus from the Exampleshire Community Transport scheme", info: "Information about the older person's bus pass and how to apply",
		services: []string{"Community transport", "Walking group", "Shopping service"},
	},
	{
		hope: "I want to see people more, I get lonely since my wife died", term: "long",
		different: "I see friends or family at least three times a week", howKnow: "I keep a note on the calendar of who I have seen",
		levels:    [5]string{"I see nobody from one week to the next", "I see someone once a week", "I see friends or family three times a week", "I see people most days", "I see people most days and have joined a group I enjoy"},
		wellbeing: []string{"b", "f", "g"}, eligible: []string{"g"},
		own: "Phones an old work friend on Sunday evenings, which they used to enjoy", network: "Son sets up a weekly video call with the grandchildren",
		community: "Befriending calls and a coffee morning with Testbury Good Neighbours", info: "Leaflet and phone number for the Exampleshire men's shed",
		services: []string{"Befriending service", "Lunch club", "Telephone befriending", "Coffee morning", "Men's shed", "Knit and natter"},
	},
	{
		hope: "I want to feel safe moving round my house, I don't want another fall", term: "short",
		different: "I move around my home safely, day and night", howKnow: "No falls at home between now and the review",
		levels:    [5]string{"Two or more falls at home", "One fall at home", "No falls at home", "No falls and I use the stairs every day", "No falls and I have started going out to the garden again"},
		wellbeing: []string{"b", "h"}, eligible: []string{"e"},
		own: "Keeps the hallway clear and puts the landing light on at night", network: "Daughter checks in by phone each morning and evening",
		community: "Strength and balance class at Mockham on Sea leisure centre", info: "Advice from the falls prevention service on footwear and getting up safely",
		services: []string{"Strength and balance class", "Falls prevention group", "Tai chi for beginners"},
	},
	{
		hope: "I want to get back to volunteering at the food bank", term: "long",
		different: "I volunteer at the food bank one morning a week", howKnow: "The food bank rota shows my name each week",
		levels:    [5]string{"I am not volunteering at all", "I have visited the food bank to talk about it", "I volunteer one morning a week", "I volunteer two mornings a week", "I volunteer two mornings a week and help train new volunteers"},
		wellbeing: []string{"e", "i"}, eligible: []string{"h"},
		own: "Uses the planner they already keep to pace the week and rest the day after", network: "Friend from church gives a lift on volunteering mornings",
		community: "Exampleshire Volunteer Centre matched them to a seated role", info: "Advice on how volunteering affects benefits",
		services: []string{"Volunteering drop-in"},
	},
	{
		hope: "I want my flat clean and tidy so my grandchildren can visit", term: "short",
		different: "My flat is clean and tidy enough for visitors", howKnow: "My grandchildren visit at least once a month and I am happy to have them",
		levels:    [5]string{"I do not let anyone in because of the state of the flat", "I keep one room tidy for visitors", "The flat is tidy enough for visitors each month", "The flat is tidy every week", "The flat is tidy every week and I have had the family for Sunday lunch"},
		wellbeing: []string{"g", "h"}, eligible: []string{"f"},
		own: "Does one small job each day rather than everything at once", network: "Granddaughter helps with the hoovering on Saturdays",
		community: "Handyperson and declutter help from Sampleford Age Concern (demo)", info: "Information about the council's bulky waste collection",
		services: []string{"Declutter and tidy-up help", "Handyperson scheme"},
	},
	{
		hope: "I want to stay living in my own home", term: "long",
		different: "I stay living safely in my own home", howKnow: "I am still at home at the review and I feel safe there",
		levels:    [5]string{"I have had to move out of my home", "I am at home but do not feel safe there", "I am at home and feel safe most of the time", "I am at home and feel safe all the time", "I am at home, feel safe and have had friends to visit"},
		wellbeing: []string{"d", "h"}, eligible: []string{"e", "f"},
		own: "Keeps to the routine that works for them and knows when to ask for help", network: "Family share a rota so someone calls every day",
		community: "Weekly visit from the Good Neighbours scheme", info: "Advice on benefits, including Attendance Allowance, from Citizens Advice Exampleshire",
		services: []string{"Handyperson scheme", "Befriending service", "Shopping service"},
	},
	{
		hope: "I want to look after my own tablets", term: "short",
		different: "I take my tablets myself at the right times", howKnow: "The blister pack is right when the pharmacist checks it each week",
		levels:    [5]string{"Someone gives me every dose", "I take my tablets with a reminder call every time", "I take my tablets myself with the alarm on my phone", "I take my tablets myself without reminders", "I take my tablets myself and order my own repeat prescriptions"},
		wellbeing: []string{"b", "d"}, eligible: nil,
		own: "Keeps the blister pack by the kettle where they see it each morning", network: "Son collects the prescription on his way home",
		community: "Pharmacy delivery service from the high street chemist in Exampleton", info: "Advice from the pharmacist on a blister pack and reminder alarms",
	},
	{
		hope: "I want to get back out in my garden, it has always been my pleasure", term: "long",
		different: "I spend time gardening or growing things every week", howKnow: "I have grown something to show my grandchildren by the review",
		levels:    [5]string{"I have not been out in the garden at all", "I sit out in the garden when someone helps me out there", "I do some gardening each week, sitting down when I need to", "I garden most days when the weather is good", "I garden most days and have joined a gardening group"},
		wellbeing: []string{"b", "e"}, eligible: []string{"i"},
		own: "Grows herbs and tomatoes in pots by the back door, where they can reach", network: "Grandson does the heavy digging on Sunday afternoons",
		community: "Gardening club at Exampleton library, with raised beds for those who cannot bend", info: "Advice on easy-reach garden tools and where to try them",
		services: []string{"Gardening club", "Allotment group", "Community garden"},
	},
	{
		hope: "I want some time for myself while I keep caring for my husband", term: "long",
		different: "I have an afternoon to myself each week", howKnow: "I go to my craft group every Wednesday afternoon",
		levels:    [5]string{"I never get any time to myself", "I get an hour or two now and then", "I have an afternoon to myself each week", "I have an afternoon each week and a day out each month", "I have time each week and a short break away this year"},
		wellbeing: []string{"b", "d", "f"}, eligible: nil,
		own: "Has told the family what would help, which they had not done before", network: "Sister-in-law sits with her husband on Wednesdays",
		community: "Carers' café at Testbury library on the first Monday of the month", info: "Information from Exampleshire Carers Centre (demo) about a carer's assessment and breaks",
		services: []string{"Carers' café", "Carers' support group"},
	},
}

// The ladder's higher rungs: what each solution is, and why the lower rungs cannot meet the outcome.
var (
	technologyIdeas = []struct{ what, why string }{
		{"Pendant alarm through Exampleshire Careline, linked to the family", "Lives alone and has fallen at night; family and neighbours cannot be there overnight and advice alone will not get help to them quickly"},
		{"Grab rails and a perching stool in the bathroom and kitchen", "Their own strength and family help are not enough to stand safely for long; the equipment lets them do it themselves"},
		{"Medication dispenser with an alarm", "Forgets doses despite their own notes and the family's reminders; the dispenser keeps them in charge without a visit"},
		{"Key safe so the family and neighbours can let themselves in", "Cannot always get to the door quickly; a key safe keeps the network's help possible"},
	}
	reablementIdeas = []struct{ what, why string }{
		{"Six weeks of reablement to relearn washing, dressing and meals after the hospital stay", "After the fall their confidence has gone; family help where they can but a trained reablement worker practising each day is what gets the skills back, which advice or community groups cannot do"},
		{"Reablement visits to build up getting in and out of bed and the bath safely", "Their own determination and the network are not enough yet: they need daily practice with a trained worker for a few weeks"},
		{"Short-term reablement to get back to cooking and shopping after the stroke", "Family live away and the lunch club helps socially, but relearning the kitchen needs a reablement worker for a few weeks"},
	}
	ongoingIdeas = []struct{ what, why string }{
		{"Home care each morning and evening to help with washing, dressing and meals", "Reablement has finished and they have made all the progress they can; their daughter works full time and community groups cannot help with personal care"},
		{"Home care visits at lunchtime and teatime to help with meals and tablets", "Family help at weekends but not during the week; equipment and advice alone have not kept them eating well"},
		{"Support from a personal assistant paid by direct payment, three mornings a week", "They want to choose who helps and when; family cannot do personal care and there is no community group that could"},
	}
	residentialIdeas = []struct{ what, why string }{
		{"A place at Example House residential home, which they and their family chose", "Needs help day and night and has fallen repeatedly; home care four times a day with telecare could not keep them safe at home"},
		{"Nursing care at Sampleford Court nursing home (demo)", "Nursing needs around the clock after a second stroke; no amount of home care or family help could meet them safely"},
	}
)

// ideaFor is the lower-rung solution a theme suggests on a rung.
func (t theme) ideaFor(r plans.Rung) string {
	switch r {
	case plans.OwnStrengths:
		return t.own
	case plans.Network:
		return t.network
	case plans.Community:
		return t.community
	}
	return t.info
}

// Contact reasons, by route of access, for the routes other than the community one, whose words depend on who got
// in touch (contacts.go). They say what happened, not who said it.
var contactReasons = map[string][]string{
	"Discharge from Hospital":          {"Ward asked for support to get home after a fall", "Ready to leave hospital after a stroke and wants to go home", "Discharge team asking for help at home after a hip replacement"},
	"Diversion from Hospital Services": {"Paramedics called after a fall, not injured, asked for follow-up instead of A&E", "Urgent community response team asking for short-term help to avoid admission"},
	"Planned Entry (Transition)":       {"Leaving children's services next month and planning for adult life", "Transition from school: wants to plan for college and living more independently"},
	"Prison":                           {"Prison healthcare asking for a care and support assessment before release"},
	"Self-Funder":                      {"Paying for own care and savings now nearly at the limit", "Self-funding and asking for advice about care homes"},
	"Discharge from Reablement":        {"Reablement ending; some help still needed with personal care", "Reablement team asking for a review of longer-term needs"},
	"Transfer from Other LA":           {"Moved to the area to be near family and has support already", "Moving into Exampleshire from a neighbouring council with a care package"},
}

var whatMatters = []string{
	"Getting home to my cat", "Staying in my own home", "Not being a burden on my daughter", "Seeing my grandchildren",
	"Getting back to my garden", "Going to church on Sundays", "Keeping my independence", "Being able to get out and about",
	"Feeling safe at night", "Having someone to talk to",
}

// The sections of a conversation under the MASOSS headings, in the person's words and as the practitioner saw it.
var (
	mindsetObserved = []string{
		"Warm and chatty, clear about what matters to them and keen to stay in charge.",
		"Quiet at first, more relaxed once we talked about their family.",
		"Tired after the hospital stay but determined to get home.",
		"Worried about being a burden; we talked about what they still do for others.",
	}
	strengthsWords = []string{
		"I've always been independent, I did my own garden until last year.",
		"I'm stubborn, my daughter says, and I don't give up.",
		"I know my own routine and I like to keep to it.",
		"I was a nurse for thirty years, I know what I need.",
		"I've got good neighbours and we look out for each other.",
	}
	solutionsWords = []string{
		"I'd like to try doing it myself first, with a bit of help to start.",
		"If my son could help at weekends that would be enough for now.",
		"I'd give the lunch club a go if someone came with me the first time.",
		"I don't want strangers in the house if I can help it.",
	}
	servicesWords = []string{
		"I'll have the carers for now but I want to see if I can manage without them later.",
		"The morning visit is the one that matters most to me.",
		"I'm happy with the home, the staff know me now.",
	}
	reviewWords = []string{
		"I'm doing much better than I thought I would.",
		"Some days are still hard but I can manage most things now.",
		"The visits have helped, I want to keep them going.",
		"I'm back to doing my own cooking, which I never thought I would.",
	}
)

// Strengths of each kind, in the person's words.
var strengthWords = map[string][]string{
	"personal": {"I'm a good cook and I like feeding people", "I'm determined, I got through my husband's illness", "I'm good with money and I keep my own accounts",
		"I can still do the crossword every day", "I can make anyone laugh, even on a bad day", "I'm organised, everything goes on the calendar",
		"I was a joiner for forty years and I can still fix most things"},
	"network": {"My daughter rings every night", "My neighbour Sheila pops in most mornings", "My son lives ten minutes away",
		"My friends from chapel look out for me", "My grandson does my shopping on his way home from work", "My sister and I talk on the phone every morning",
		"My husband and I look after each other, we always have"},
	"community": {"I go to the Tuesday lunch club", "I know everyone at the library", "The corner shop delivers if I ring",
		"I used to go to the bowls club and they'd have me back", "The vicar calls in most weeks", "The pharmacist knows me by name and keeps an eye out",
		"I still go to my knitting group on Fridays"},
	"resources": {"I've got a downstairs toilet", "I have a mobile phone and I can text", "My bungalow is all on one level", "I still drive short distances",
		"I've a tablet and I do video calls with the grandchildren", "I've a bit put by for help around the house", "I've a mobility scooter for getting to the shops"},
}

// Providers of council-funded services (fictional).
var (
	homeCareProviders    = []string{"Exampleshire Home Care (demo)", "Sampleford Care at Home (demo)", "Demoby Homecare Services (demo)", "Testbury Community Care (demo)"}
	reablementProvider   = "Exampleshire Reablement Service (demo)"
	residentialProviders = []string{"Example House (demo care home)", "Mockham Lodge (demo care home)", "Sampleford Court (demo nursing home)"}
	dayProviders         = []string{"Demoby Day Centre (demo)", "Testbury Resource Centre (demo)"}
)

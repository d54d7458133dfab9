package practicemodels

// The built-in models are defined here, once. Every council is offered them; a council's own changes to their
// prompts are kept in its own rows, from version 2, so version 1 of a built-in is always what is written here.

// Builtins returns the built-in models in the order the models page lists them, the default first.
func Builtins() []Model { return []Model{masoss(), threeConversations()} }

// Builtin returns the built-in model with key, and whether there is one.
func Builtin(key string) (Model, bool) {
	for _, m := range Builtins() {
		if m.Builtin == key && key != "" {
			return m, true
		}
	}
	return Model{}, false
}

// Default is the model a council records conversations under until it chooses one: MASOSS.
func Default() Model { return masoss() }

func masoss() Model {
	return Model{ID: MASOSS, Builtin: MASOSS, Version: 1, Name: "MASOSS with the ROPES prompts",
		Description: "Six headings that take a conversation from the person's mindset and aspirations, through their strengths and the outcomes they want, to the solutions and services that will achieve them. The prompts draw on the ROPES strengths inventory and the toolkit's open questions.",
		Source:      "MASOSS (Mindset, Aspirations, Strengths, Outcomes, Solutions, Services); ROPES: Graybeal, C. (2001) Strengths-based social work assessment: transforming the dominant paradigm, Families in Society 82(3).",
		Headings: []Heading{
			{Key: "mindset", Label: "Mindset", Prompt: "Start from a positive mindset, for the person and for you: what matters to them, not what is the matter with them. How have they survived, endured and thrived so far?"},
			{Key: "aspirations", Label: "Aspirations", Prompt: "Explore the person's short and long-term hopes for the future. What does a good life look like? What have they thought of trying but not yet tried?"},
			{Key: "strengths", Label: "Strengths", Prompt: "What strengths, knowledge, experience or expertise does the person already have, and how could these be built on? What resources do their family, friends, community and organisations offer? When is the problem not happening, or different?"},
			{Key: "outcomes", Label: "Outcomes", Prompt: "Agree SMART outcomes in the person's own words: what will be different, how everyone will know, who is involved and by when."},
			{Key: "solutions", Label: "Solutions", Prompt: "Co-produce ways to achieve the outcomes. What is working now that they want to keep doing? What can be used now, and what is available that has not been tried?"},
			{Key: "services", Label: "Services", Prompt: "Identify the practical ways to deliver the solutions, starting with the person's own strengths, their network and the community before any council-funded support."},
		}}
}

func threeConversations() Model {
	return Model{ID: ThreeConversations, Builtin: ThreeConversations, Version: 1, Name: "Three Conversations",
		Description: "In place of assessing for services, three distinct conversations: listen and connect; work intensively with people in crisis; build a good life. Most people need only the first. Record under the conversation you are having.",
		Source:      "The Three Conversations model, developed by Sam Newman and Partners4Change.",
		Headings: []Heading{
			{Key: "listen_connect", Label: "Conversation 1: listen and connect", Prompt: "Understand what really matters to the person. What do you want to do? What can I connect you to? Think of their own assets and strengths and those of their family, friends and neighbourhood."},
			{Key: "crisis", Label: "Conversation 2: work intensively with people in crisis", Prompt: "When the person is at risk: what needs to change to make you safe and regain control? How can I help make that happen? Who is in the emergency plan, what small amounts of money or community knowledge will help, and how will we stay with the person until it works?"},
			{Key: "good_life", Label: "Conversation 3: build a good life", Prompt: "When longer-term support is needed: what does a good life look like? What is a fair personal budget and where does the funding come from? Who do you want involved in support planning?"},
		}}
}

// LocalAreaCoordination is a model a council may add as its own (it is not built in): local area coordination's
// way of walking alongside a person in their community. The demo adds it; a council may start from it.
func LocalAreaCoordination() Model {
	return Model{Name: "Local area coordination",
		Description: "A local area coordinator walks alongside the person in their own community, starting from their vision of a good life and building connections before any service.",
		Source:      "Local area coordination, as first developed in Western Australia and adopted by councils across England and Wales; the council's own prompts.",
		Headings: []Heading{
			{Key: "getting_to_know", Label: "Getting to know the person", Prompt: "Who is the person, and what matters to them? What do they already do, and who do they already know?"},
			{Key: "vision", Label: "Their vision of a good life", Prompt: "In their own words, what would a good life look like? What would they like to do first?"},
			{Key: "connections", Label: "Personal and community connections", Prompt: "Who could they connect with, or reconnect with: family, friends, neighbours, groups and places nearby? What could they offer others?"},
			{Key: "practical", Label: "Practical solutions", Prompt: "What practical steps will they take, with whom, and by when? What is within reach without a service?"},
			{Key: "services_backup", Label: "Services as back-up", Prompt: "What formal support, if any, is needed as back-up to what the person and their community can do?"},
		}}
}

package api_test

import "github.com/golden-thread/goldenthread/internal/networks"

// networkWorkEnums are the lists of values of a network's shared work: a peer challenge's stages.
func networkWorkEnums() []enumRule {
	return []enumRule{
		{"#/components/schemas/NetworkChallenge/properties/stage/enum", values(networks.Stages()...)},
	}
}

package orukapi

import "net/http"

// Base is where each council's API lives: /oruk/{council}/ followed by the standard's paths, {council} being the
// council's ONS code (E06000999, say).
const Base = "/oruk/{council}"

// Routes adds the API's endpoints to mux, each answering GET and a browser's CORS preflight (OPTIONS). An address
// under /oruk/ that is no endpoint is then not found, rather than one that takes only OPTIONS.
func (a *API) Routes(mux *http.ServeMux) {
	get := func(path string, h http.Handler) {
		mux.Handle("GET "+Base+path, h)
		mux.HandleFunc("OPTIONS "+Base+path, preflight)
	}
	get("/{$}", a.serve(a.info))
	get("/services", a.serve(a.list(a.dir.APIServices)))
	get("/services/{id}", a.serve(one(a.dir.APIService)))
	get("/service_at_locations", a.serve(a.list(a.dir.APIServiceAtLocations)))
	get("/service_at_locations/{id}", a.serve(one(a.dir.APIServiceAtLocation)))
	get("/organizations", a.serve(a.list(a.dir.APIOrganizations)))
	get("/organizations/{id}", a.serve(one(a.dir.APIOrganization)))
	get("/taxonomies", a.serve(a.list(a.dir.APITaxonomies)))
	get("/taxonomies/{id}", a.serve(one(a.dir.APITaxonomy)))
	get("/taxonomy_terms", a.serve(a.list(a.dir.APITaxonomyTerms)))
	get("/taxonomy_terms/{id}", a.serve(one(a.dir.APITaxonomyTerm)))
}

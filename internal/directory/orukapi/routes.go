package orukapi

import "net/http"

// Base is where each council's API lives: /oruk/{council}/ followed by the standard's paths, {council} being the
// council's ONS code (E06000999, say).
const Base = "/oruk/{council}"

// Routes adds the API's endpoints to mux.
func (a *API) Routes(mux *http.ServeMux) {
	mux.HandleFunc("OPTIONS /oruk/", preflight)
	mux.Handle("GET "+Base+"/{$}", a.serve(a.info))
	mux.Handle("GET "+Base+"/services", a.serve(a.list(a.dir.APIServices)))
	mux.Handle("GET "+Base+"/services/{id}", a.serve(one(a.dir.APIService)))
	mux.Handle("GET "+Base+"/service_at_locations", a.serve(a.list(a.dir.APIServiceAtLocations)))
	mux.Handle("GET "+Base+"/service_at_locations/{id}", a.serve(one(a.dir.APIServiceAtLocation)))
	mux.Handle("GET "+Base+"/organizations", a.serve(a.list(a.dir.APIOrganizations)))
	mux.Handle("GET "+Base+"/organizations/{id}", a.serve(one(a.dir.APIOrganization)))
	mux.Handle("GET "+Base+"/taxonomies", a.serve(a.list(a.dir.APITaxonomies)))
	mux.Handle("GET "+Base+"/taxonomies/{id}", a.serve(one(a.dir.APITaxonomy)))
	mux.Handle("GET "+Base+"/taxonomy_terms", a.serve(a.list(a.dir.APITaxonomyTerms)))
	mux.Handle("GET "+Base+"/taxonomy_terms/{id}", a.serve(one(a.dir.APITaxonomyTerm)))
}

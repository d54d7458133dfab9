-- The schedules of a service at a place, indexed only where a schedule is at a place. Most schedules belong to the
-- service itself (service_at_location_id is NULL), so SQLite's statistics of the whole-table index of 00014 said
-- every look-up by it would find every schedule, and after ANALYZE a search by day read every schedule for each
-- service (seconds at 20,000 services). A look-up by place (= or IN) implies it is not NULL, so both engines use
-- this index for it. The other engine's folder holds the same.

-- +goose Up
DROP INDEX directory_schedule_service_at_location;
CREATE INDEX directory_schedule_at_place ON directory_schedule (council_id, service_at_location_id) WHERE service_at_location_id IS NOT NULL;

-- +goose Down
DROP INDEX directory_schedule_at_place;
CREATE INDEX directory_schedule_service_at_location ON directory_schedule (council_id, service_at_location_id);

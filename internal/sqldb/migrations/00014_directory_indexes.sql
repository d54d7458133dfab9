-- Indexes for reading a page of directory services in full (practitioners' search, the Open Referral UK API): the
-- phones of contacts, the accessibility of places, the areas of services and the schedules of a service at a
-- place, and the services at a place (for search by distance), which the indexes of 00010 did not cover. The other engine's folder holds the same.

-- +goose Up
CREATE INDEX directory_phone_contact ON directory_phone (council_id, contact_id);
CREATE INDEX directory_accessibility_location ON directory_accessibility (council_id, location_id);
CREATE INDEX directory_service_area_service ON directory_service_area (council_id, service_id);
CREATE INDEX directory_schedule_service_at_location ON directory_schedule (council_id, service_at_location_id);
CREATE INDEX directory_service_at_location_location ON directory_service_at_location (council_id, location_id);

-- +goose Down
DROP INDEX directory_service_at_location_location;
DROP INDEX directory_schedule_service_at_location;
DROP INDEX directory_service_area_service;
DROP INDEX directory_accessibility_location;
DROP INDEX directory_phone_contact;

-- A search by distance joins services to their places and places to their positions, a look-up each way for every
-- service or place it considers: a few thousand within three miles at 20,000 services. These indexes hold every
-- column those look-ups read, so each is answered from the index alone, without reading the row: the places of a
-- service (and the services at a place), and a place's position by its id (and its id by its position). The
-- other engine's folder holds the same.

-- +goose Up
DROP INDEX directory_service_at_location_service;
CREATE INDEX directory_service_at_location_service ON directory_service_at_location (council_id, service_id, location_id);
DROP INDEX directory_service_at_location_location;
CREATE INDEX directory_service_at_location_location ON directory_service_at_location (council_id, location_id, service_id);
DROP INDEX directory_location_position;
CREATE INDEX directory_location_position ON directory_location (council_id, latitude, longitude, id);
CREATE INDEX directory_location_place ON directory_location (council_id, id, latitude, longitude);

-- +goose Down
DROP INDEX directory_location_place;
DROP INDEX directory_location_position;
CREATE INDEX directory_location_position ON directory_location (council_id, latitude, longitude);
DROP INDEX directory_service_at_location_location;
CREATE INDEX directory_service_at_location_location ON directory_service_at_location (council_id, location_id);
DROP INDEX directory_service_at_location_service;
CREATE INDEX directory_service_at_location_service ON directory_service_at_location (council_id, service_id);

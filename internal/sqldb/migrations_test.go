package sqldb_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// committed holds the SHA-256 of every committed migration as rendered for each engine. A migration that has been
// applied to a council's database must never change, or databases migrated before and after the change would
// differ without either knowing: a change to the schema is a new migration. The first 22 values are those of the
// two hand-kept folders the one-source templates replaced, which proves the templates render them byte for byte.
var committed = []struct{ name, sqlite, postgres string }{
	{"00001_foundation.sql", "bb621c323b4f1f2825daa92bb2f5da49818d5643d2b53a1dfbd35c8b0859af0b", "4e3e4ebf72c24e1f53f694a90f191281dfc73898c4dc134137acda24947238bc"},
	{"00002_person_postcode.sql", "22ef42048f5765312f9e7dc711ac077bca8c2e04d7535ea8c330ff19f2b494b9", "22ef42048f5765312f9e7dc711ac077bca8c2e04d7535ea8c330ff19f2b494b9"},
	{"00003_golden_thread.sql", "3649f6c5662c0d639de846713b193db7f78b51599c651e94bc04c412fc9d4a1f", "88b266863c7faa198794e8df0784125ddd75a0748bad75145c90b826de16cd1f"},
	{"00010_directory.sql", "9077050a56c412fb6c1c169b9bae330582c6106da713fdcb724b2d4719af651d", "d3ef20f7fd9a2b7fc0212a2d38b64e5f1ee59e638b0d5067a4d5f37a2ad80170"},
	{"00011_directory_search.sql", "f96702b244c01dcc9eba47b6b82f754d34a0d61a81947da6f399d659ad69aa50", "57de41f893f0c2ca6ed98239d6c5eefd9a92e8fb29d237e03e4a690012dfc49f"},
	{"00012_front_door.sql", "0f9c69aca4db163660b5f68efde6be812a0c43bd5ffabe70ce29a26c81aa28d0", "e1acc2ccd06270e7d7d32b00bf050b0893649c5ded8eb3cefcd4f34807c71725"},
	{"00013_caseload_indexes.sql", "f6ae6917633c43cb05f4e8c79ed44bc7877a66eae7f55e69a6e4f9f2f25afe70", "f6ae6917633c43cb05f4e8c79ed44bc7877a66eae7f55e69a6e4f9f2f25afe70"},
	{"00014_directory_indexes.sql", "60b108623e5742c4695f76287c355193b4542ebf9b0498aa17dba5fdff8d08c4", "60b108623e5742c4695f76287c355193b4542ebf9b0498aa17dba5fdff8d08c4"},
	{"00015_duties.sql", "17609ca6f477068a1d5b597dd076d3d49e95d938719c00520c415fa4c768be17", "7584e83095a473ed0a8707bcbd152fe2c0d78c65b4d19c60697d7c949e0318e1"},
	{"00016_safeguarding.sql", "c2815a712cf64bb68393a8530436d0f92b55c31acf29291f86bb5275d16052f7", "63093dd2a1b0d72c46b334591a0e58f941e2b7e1ad4cf0ed18aeb6b0ba51e31d"},
	{"00017_capacity_advocacy.sql", "8b1786f381cc28c6f81dd314e36d03655c2ac176fb7dd9db18f41e4eb45a3dbe", "f85d336470861e4cffcccba45f726e07a82d8642a8609a02bbb65e8c134f519e"},
	{"00018_risks_crisis_conferences.sql", "d830cfee4e323b4d1c85c06cc47d56872e655e8c0d7e25f196f5c9a71756a936", "c33e8324d13a20f3e6fb444785b6d133c354e4ae7b262434d99dfaa32e1039aa"},
	{"00019_directory_schedule_at_place.sql", "d960a55dd2261976e445a82af524c57948b38972910c0cbba157932825d9e98c", "d960a55dd2261976e445a82af524c57948b38972910c0cbba157932825d9e98c"},
	{"00020_caseload_order.sql", "f78d70402eef13d73195428ff38fb07a34e25dbd530adbd9e3366eca88c8cd6e", "f1c61f1dc1061795346a9ee7e1657b9c6abe21b5324650323857ceac9a437d21"},
	{"00021_directory_search_index.sql", "b5bac7e7389b230d002328ee7039d6c25b0bc9237df5607ba03d91052bb09c96", "74c34df19bf30dab29bfc84e18e35427f2501cad97996ad2e5c6e97b9546401a"},
	{"00022_directory_place_indexes.sql", "2333efb222fee6fc51aa869224b158fccc2fedc3b511b895fe4cb75cdbabe916", "2333efb222fee6fc51aa869224b158fccc2fedc3b511b895fe4cb75cdbabe916"},
	{"00023_episode_steps_ended.sql", "ead36abb3323a8978f9a1e51eb7b984d51f91be91ddbc8a363f7e699b6e6a7d6", "9f5cac530ebbe8b58cd85f2dd40237c5679f37f8ddf74692e15db598191286b4"},
	{"00024_direct_payments.sql", "0fdf1067417d744af5f3d4c5eb7ed1654ca0a000964b3606a31ab61e5b894e3c", "83b6c1ee42ceb74ff568512925d6c7d107b5bd6bac5c6c08803f9f021fe358d6"},
	{"00025_review_due_reason.sql", "428d1b196b3ecc5f7fc2714358a236678a25eb6cfbfed0aa2f15e3eb92d0e90a", "428d1b196b3ecc5f7fc2714358a236678a25eb6cfbfed0aa2f15e3eb92d0e90a"},
	{"00026_safeguarding_alleged.sql", "920ea41d565f43b25be0b47d2349277c32921ce73b7785bf7d49b3df45d26815", "33c0b7eca313515387474b3c0d0f1a6f75c9d45be7297f78af000523a07c0ce5"},
	{"00027_information_formats.sql", "17af4bc26b96476d7c2f8015e047d5fa275b0dbaedf918f9efe9bb0626744a60", "17af4bc26b96476d7c2f8015e047d5fa275b0dbaedf918f9efe9bb0626744a60"},
	{"00028_contact_channel.sql", "6d5f60ea23bbe6ed35066963848de9a040e10e3f82b4208a89b25067e800f68a", "6d5f60ea23bbe6ed35066963848de9a040e10e3f82b4208a89b25067e800f68a"},
	{"00029_access_log_sealing.sql", "6bfc5a63f6ded722bfc4fdbd9ae33ff21e1cb76e6dfe0e13c2342c4c9210c626", "3e12ed067951d17d609a26e61cc12dcdf0f152b10d67445173cdaeff09c7ab09"},
	{"00030_strength_episode_index.sql", "11e1f681822f1800aa6ced7e8ced4b2ccfac9038c2c3cc3a3c288f840f5b9b11", "11e1f681822f1800aa6ced7e8ced4b2ccfac9038c2c3cc3a3c288f840f5b9b11"},
	{"00031_contact_method.sql", "25794b69cfaa9d55e527a6767044a728b8545c8a4e2e5d25b62cd4653441e3be", "25794b69cfaa9d55e527a6767044a728b8545c8a4e2e5d25b62cd4653441e3be"},
	{"00032_case_file_audits.sql", "c8e58204d03258d4ddbc1195f0805e73d5d1bc39239036f70c61a5cc89f69db5", "70a68d748452205d73cfa971729f922887bd446ed84292574ba8d926d39e95ca"},
	{"00033_audit_checks.sql", "6f6e02e1916a94e4515c1beb8654bb8255187a6f88f24be3d3ceac9fe44b8d5b", "4ae94d6909d2e392689c521876eb3c50745cbf61a50425159c4ef3c250e406f0"},
	{"00034_supervision.sql", "b3a251f0a531e02a7f48902feabb6e1be6f3b81c1d165396493faface1b25b10", "826c3f0c7496d32ee200d6a7998b1aa3ca2939413562aafe046d34a376cefb97"},
	{"00035_supervision_audits.sql", "fba44d294d2af435aa01addbc9fbe299783843fa09f7f86ae5b62f7631e0d10c", "97d602eab48361ea83fbc39807a9a98247f5cb16f09a45c990468ee6f4616e4a"},
	{"00036_episode_ended.sql", "700a6c216582393de84b509f5e8b273a405750de73e5d901d1bddbe86b62419f", "700a6c216582393de84b509f5e8b273a405750de73e5d901d1bddbe86b62419f"},
	{"00037_population.sql", "15cff3bb185b6512dcce60031f790b5b1e9d7dbb8dc0769e9c8ee27d025f1f51", "e906bb7657275bab7dbb60d809331a8283b3c9c33358213beac14d3445c1026d"},
	{"00038_feedback.sql", "86ce33f7a18e9dbd901721010d66047ec181950060908b13497cfeefa95c4f16", "d3a3c9bd5b48a543d91f433caa95bf48e986ef3354d52cd2aa19f7bac16bdcec"},
	{"00039_insight_indexes.sql", "26a4ca75256ad1ffabd985d7205b243d7a0147a60ce0688d3eb07eb30f312585", "26a4ca75256ad1ffabd985d7205b243d7a0147a60ce0688d3eb07eb30f312585"},
	{"00040_learning.sql", "19085040a406afe08cb27cb3c58055fbb5ddaa7eb6757848e6e645ce1d8443b1", "a1312ce5718f90e24d456ea7af02688b9838781d25c70617e2330805c230da62"},
	{"00041_community_of_practice.sql", "5617e636b97338254a2d10d7f02fd9baba234b12c530234639d04a43117ed4f1", "fcbb0658c17c9e0fa2c7716940b7910f972d47425095198ec3fe807032b00c73"},
	{"00042_practice_study.sql", "4c834f27c2f69e9a633a46af102bdd278a43e9234d7bcf50b155f25e3687780b", "8241df8acf3fb561b36c78680c53802a1110cc4d034d100276c91c7ee22d1e8d"},
	{"00043_staff_resources.sql", "946509f96427aaea0508e310e0bacb5ec3b9e0181315caa3f0bd2cc26400986c", "aea9d8ee90a2c3a4986e0db4f94e610b615f9a3c8d34297af49c3a1670ec7ae0"},
	{"00045_learning_course_standard.sql", "25e12feae3fefb6e3250b94358bb95d70a059d0fce216c4b31e3409ecbc9b159", "25e12feae3fefb6e3250b94358bb95d70a059d0fce216c4b31e3409ecbc9b159"},
	{"00046_learning_completion_indexes.sql", "5d78a94fe14b95d4ec39c3e7f09989a5ce094ead1435e5178a07c9fd5039f531", "5d78a94fe14b95d4ec39c3e7f09989a5ce094ead1435e5178a07c9fd5039f531"},
	{"00047_programme.sql", "22c186b33025c7dddc3a99f62e0502dabd7640fa0b4c26f013d098c9df5871fc", "4c25f494bb1490a35ebe4b771fb99a1475d3cfd551f576a497e575f8b12b8a8f"},
	{"00048_discovery.sql", "41ac3911e6e3b90f941e48ec39862d632731e9e0a924c9a8bb91e0bef0557e50", "1d6121aaca1d5ab1c80fed06c7a033c3d9761563f8964b6a08e773c3c03f9945"},
	{"00049_programme_kpis.sql", "f3d3a092fe24f2d685ed60fbd1209b6ea49ca2f66a4817a6ac33f5d565e23332", "0378a75e74cbc37f33bf2b32b108a8ecb8d01a8cf12910f137d4b3f29cadb1b2"},
	{"00050_networks.sql", "2a26b0cdbbac4017111a146ddeb060d5207927aba4bd02dc9de9fc6766ccbc40", "de230334328c5c37804de521b64d35b394f6aa3398fb7223a0e371bb3b436598"},
	{"00051_practice_models.sql", "86b1e29a083580bc8e4f0e7d88414fb281353a7428dbde475889f0c6c6a2f450", "3975e57d6c021db8d6b45e675c4210d91636b0ce247f621f9e3f77293bc09013"},
	{"00052_network_work.sql", "aca2cd53db938947ff1f6f519e352421095c63531691e9c4c54a74640a2b9b74", "83d2dc0513821bb46cfab40f9b64affd2c3ccd166f44cbe22ba63b78c292d79a"},
	{"00053_episode_opened.sql", "f5ea0f30b0d4c1ce187d5fcaf8cf8ad7158d81c48a73e8d25a5b4e5c0e2f03f5", "f5ea0f30b0d4c1ce187d5fcaf8cf8ad7158d81c48a73e8d25a5b4e5c0e2f03f5"},
	{"00054_network_crisis_contact.sql", "5bf79a3f3bef95745adedf164b0394345fcc2705d059af25af4b136dda409744", "5bf79a3f3bef95745adedf164b0394345fcc2705d059af25af4b136dda409744"},
	{"00055_conversation_draft.sql", "1d2d2fc9a1c7a534f89d0de757e205cbb390d91a46696beb853182ee15a53c8f", "9c6e34d3ffdfcd4536365c0f788787880b178de05bd65c807c923e0382d4d052"},
}

// TestCommittedMigrationsAreUnchanged fails when a committed migration renders differently on either engine, and
// when a new migration has no line in committed yet (its message gives the line to add).
func TestCommittedMigrationsAreUnchanged(t *testing.T) {
	t.Parallel()
	rendered := map[sqldb.Engine]fs.FS{}
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		fsys, err := sqldb.MigrationsFS(e)
		if err != nil {
			t.Fatal(err)
		}
		rendered[e] = fsys
	}
	sum := func(e sqldb.Engine, name string) string {
		b, err := fs.ReadFile(rendered[e], name)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		return hex.EncodeToString(h[:])
	}
	names, err := fs.Glob(rendered[sqldb.SQLite], "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, c := range committed {
		known[c.name] = true
	}
	for _, name := range names {
		if !known[name] {
			t.Errorf("migration %s has no checksum: once it is final, add this line to committed in migrations_test.go:\n\t{%q, %q, %q},",
				name, name, sum(sqldb.SQLite, name), sum(sqldb.Postgres, name))
		}
	}
	present := map[string]bool{}
	for _, name := range names {
		present[name] = true
	}
	for _, c := range committed {
		if !present[c.name] {
			t.Errorf("committed migration %s has gone: databases already migrated have applied it", c.name)
			continue
		}
		for e, want := range map[sqldb.Engine]string{sqldb.SQLite: c.sqlite, sqldb.Postgres: c.postgres} {
			if got := sum(e, c.name); got != want {
				t.Errorf("committed migration %s renders differently for %s (sha256 %s, committed %s): a committed migration must not change; put the change in a new migration",
					c.name, e, got, want)
			}
		}
	}
}

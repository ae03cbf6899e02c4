package corpora

// Topics of the garden, the field and the wild.

var landTopics = []topicSpec{
	{
		name:       "gardening",
		activities: `gardening; working the soil; tending a vegetable patch; growing beans and onions; keeping an allotment`,
		people:     `gardener grower nurseryman/nurserymen botanist smallholder allotment+holder plantsman/plantsmen head+gardener`,
		things: `seedling border hedge compost+heap bulb tuber cutting shoot root leaf/leaves stem bud blossom
			marrow onion potato/potatoes cabbage lettuce weed raspberry+cane runner+bean dahlia sunflower
			gooseberry+bush`,
		tools: `trowel spade rake hoe wheelbarrow cold+frame greenhouse cloche cane watering+can seed+tray
			flowerpot trellis`,
		stuff: `compost soil mulch manure loam leaf+mould bonemeal straw rainwater`,
		adjs:  `fertile overgrown sheltered leggy hardy waterlogged weedy shady sunlit dormant thriving potbound`,
		verbs: `plant prune water weed dig/dug/dug/digging hoe mulch sow thin stake harvest transplant divide cover lift feed/fed`,
		places: `in the vegetable patch; along the garden wall; under the apple tree; behind the potting shed; in the greenhouse;
			on the allotment; beside the compost heap; in the raised beds; by the kitchen door; at the bottom of the garden`,
	},
	{
		name:       "beekeeping",
		activities: `beekeeping; keeping bees; looking after a hive; tending an apiary; harvesting honey`,
		people:     `beekeeper apiarist honey+farmer bee+inspector swarm+collector`,
		things: `hive frame queen drone worker+bee comb brood+box honey+super swarm colony cell larva/larvae
			flower forager clover+field queen+cup flight+path heather+moor lime+tree`,
		tools: `smoker veil glove hive+tool entrance+block feeder jar extractor`,
		stuff: `honey wax pollen nectar propolis royal+jelly sugar+syrup smoke`,
		adjs:  `docile drowsy buzzing defensive queenless industrious crowded sticky waxen golden`,
		verbs: `inspect smoke lift/lifted feed/fed split/split/split/splitting mark requeen extract collect calm check harvest move wrap`,
		places: `in the apiary; beside the hives; at the edge of the orchard; on the heather moor; in the honey house;
			under the lime trees; at the hive entrance; behind the hedge where the bees fly`,
	},
	{
		name:       "glaciers",
		activities: `studying glaciers; walking on the ice; mapping a glacier; measuring how fast the ice retreats`,
		people:     `glaciologist guide surveyor climber geologist field+assistant hut+warden`,
		things: `glacier crevasse moraine serac icefall snout cirque ice+sheet meltwater+stream boulder erratic
			icefield snowfield ridge col valley cornice cave tongue arete tarn`,
		tools: `sled stake borehole`,
		stuff: `ice meltwater firn snow grit rock+flour silt`,
		adjs:  `blue crevassed retreating frozen glacial towering creaking groaning cavernous windswept`,
		verbs: `measure cross drill map/mapped/mapped/mapping survey photograph sample probe climb mark/marked avoid rope`,
		places: `at the glacier snout; on the upper icefield; beside the moraine; in the ice cave; across the crevasse field;
			below the icefall; at the research hut; high on the col`,
	},
	{
		name:       "rivers",
		activities: `following a river; walking the towpath; paddling a canoe; watching a river through the seasons`,
		people:     `boatman/boatmen ferryman/ferrymen lock+keeper angler canoeist bargeman/bargemen river+warden miller`,
		things: `river bank weir lock meander ford bridge eddy current pool rapid towpath reed+bed kingfisher
			otter heron mill+race floodplain oxbow tributary source mouth willow alder`,
		tools: `canoe paddle barge ferry`,
		stuff: `water silt mud driftwood gravel foam spray`,
		adjs:  `swollen sluggish muddy clear winding tidal brackish shallow brimming reedy`,
		verbs: `cross ford/forded paddle follow dredge navigate watch fish/fished drift/drifted/drifted ferry/ferried moor map/mapped/mapped/mapping`,
		places: `on the river bank; below the weir; at the old lock; by the mill race; along the towpath; under the stone bridge;
			where the river bends; among the reeds`,
	},
	{
		name:       "forests",
		activities: `walking in old woods; coppicing hazel; managing a woodland; reading the trees; planting a copse`,
		people:     `forester woodsman/woodsmen ranger charcoal+burner tree+surgeon woodland+manager naturalist`,
		things: `oak beech ash+tree birch hazel+stool holly yew pine+cone acorn branch trunk canopy clearing
			glade thicket bramble fern toadstool badger+sett woodpecker log stump ride+path deer/deer fox`,
		stuff: `timber bark moss leaf+litter sap resin bracken firewood`,
		adjs:  `ancient shady coppiced tangled mossy dappled evergreen deciduous gnarled towering`,
		verbs: `fell/felled coppice plant thin/thinned/thinned/thinning stack saw/sawed/sawn measure mark/marked clear split/split/split/splitting gather survey`,
		places: `in the old wood; along the ride; at the edge of the clearing; under the beeches; in the hazel coppice;
			beside the charcoal hearth; deep in the pines; by the woodland pond`,
	},
	{
		name:       "birdwatching",
		activities: `birdwatching; watching birds; keeping a bird list; counting waders on the estuary; listening for the dawn chorus`,
		people:     `birdwatcher ornithologist birder warden ringer twitcher recorder`,
		things: `nest egg wren robin blackbird thrush curlew lapwing swallow swift owl hawk buzzard kestrel gull
			wader song+thrush feather flock wing call`,
		tools: `binocular+strap telescope notebook hide feeder`,
		stuff: `birdsong plumage seed suet`,
		adjs:  `elusive migrant resident speckled fledgling nocturnal skittish dowdy flighty chattering`,
		verbs: `spot/spotted/spotted/spotting count identify record watch ring/ringed follow hear/heard feed/fed sketch/sketched photograph`,
		places: `in the hide; on the estuary; at the edge of the marsh; along the hedgerow; on the sea wall;
			by the reservoir; in the churchyard yews; on the cliff path`,
	},
	{
		name:       "orchards",
		activities: `keeping an orchard; grafting fruit trees; picking apples; pressing cider; tending old pear trees`,
		people:     `orchardist grafter picker cider+maker fruit+grower pomologist`,
		things: `apple pear plum damson quince cherry+tree rootstock graft scion blossom windfall codling+moth
			orchard+gate beehive row sapling bough`,
		tools: `ladder basket crate press pruning+saw`,
		stuff: `cider juice fruit grease+band grass mistletoe`,
		adjs:  `russet crisp tart mellow bruised ripe unpruned heavy laden gnarled`,
		verbs: `graft prune pick/picked press store/stored wrap/wrapped/wrapped/wrapping gather plant stake spray/sprayed taste bottle`,
		places: `in the orchard; under the old pear; by the cider barn; along the orchard wall; on the south slope;
			among the windfalls; in the fruit store; at the top of the ladder`,
	},
	{
		name:       "deserts",
		activities: `crossing a desert; travelling by camel; camping among the dunes; studying desert plants`,
		people:     `nomad camel+driver guide traveller geologist botanist herdsman/herdsmen`,
		things: `dune oasis/oases camel well wadi caravan mirage cactus/cacti scorpion lizard palm rock+arch
			sandstorm plateau canyon salt+flat`,
		tools: `tent saddle waterskin star+chart lantern`,
		stuff: `sand dust salt heat shade dates tea`,
		adjs:  `arid parched scorching barren shifting wind+carved sunbaked endless silent bleached`,
		verbs: `cross load/loaded water/watered follow guide/guided pitch/pitched shelter/sheltered dig/dug/dug/digging carry/carried ration track`,
		places: `at the oasis; among the dunes; in the dry riverbed; under the palms; at the edge of the salt flat;
			in the shade of the rocks; by the old well; on the stony plateau`,
	},
	{
		name:       "mountaineering",
		activities: `mountaineering; climbing in the hills; walking the high ridges; scrambling on rock; planning an ascent`,
		people:     `mountaineer climber guide porter hut+keeper rope+leader hillwalker`,
		things:     `summit ridge cairn col gully scree+slope buttress ledge chimney bivouac ascent descent`,
		tools:      `rope ice+axe crampon harness piton tent rucksack map compass/compasses boot`,
		stuff:      `rock snow scree mist weather oatmeal`,
		adjs:       `exposed steep airy loose craggy summit+bound windswept treacherous rocky lofty`,
		verbs:      `climb belay rope/roped pack/packed descend traverse map/mapped/mapped/mapping check follow reach carry/carried`,
		places: `on the north face; below the summit; at the mountain hut; in the gully; along the ridge;
			at the foot of the crag; above the snowline; by the last cairn`,
	},
	{
		name:       "volcanoes",
		activities: `studying volcanoes; watching an eruption; walking across old lava; reading the rocks of a crater`,
		people:     `volcanologist geologist seismologist guide islander observer`,
		things: `volcano/volcanoes crater vent cone lava+flow caldera fissure fumarole plume bomb dome tremor
			hot+spring geyser slope island lake`,
		tools: `seismograph`,
		stuff: `lava ash pumice basalt sulphur steam magma tephra`,
		adjs:  `smouldering dormant active fuming molten jagged sulphurous restless scorched steaming`,
		verbs: `monitor sample measure map/mapped/mapped/mapping photograph climb watch record/recorded survey study/studied`,
		places: `on the crater rim; beside the vent; across the lava field; at the observatory; on the ash slope;
			near the fumaroles; in the old caldera; along the fissure`,
	},
}

package corpora

// Topics of the town, the study and the night sky.

var townTopics = []topicSpec{
	{
		name:       "libraries",
		activities: `working in a library; cataloguing books; reading in a public library; running a village lending library`,
		people:     `librarian archivist reader cataloguer scholar porter bookseller`,
		things: `book shelf/shelves catalogue manuscript periodical newspaper table volume atlas index
			archive+box ledger`,
		tools: `card+index ladder trolley lamp date+stamp`,
		stuff: `dust paper parchment`,
		acts: `
			catalogue shelve lend/lent/lent borrow stamp mend recommend read/read/read | book volume atlas periodical newspaper | overdue rare borrowed dusty
			consult transcribe study | manuscript ledger index archive+box | fragile illuminated musty
			dust tidy | shelf table | crowded
			push | trolley ladder | squeaking
			update | catalogue card+index | scholarly
			| paper parchment dust | fine`,
		places: `in the reading room; among the stacks; at the issue desk; in the archive; under the green lamps;
			in the local history corner; on the top shelf; in the basement store`,
	},
	{
		name:       "chess",
		activities: `playing chess; studying old chess games; solving endgames; playing correspondence chess`,
		people:     `chess+player grandmaster opponent club+player coach arbiter problemist`,
		things: `board pawn knight bishop rook queen king opening gambit endgame sacrifice fork pin move
			tournament position square file diagonal game`,
		tools: `clock scoresheet`,
		stuff: `strategy tactics theory`,
		acts: `
			advance sacrifice defend attack capture trade | pawn knight bishop rook queen | isolated doubled passed loose strong
			play/played study analyse | opening gambit endgame game | sharp quiet solid drawn winning
			offer decline accept | sacrifice gambit move | bold
			block open control/controlled/controlled/controlling | file diagonal square | open long
			win/won/won/winning lose/lost/lost | game position tournament | aggressive passive
			set/set/set/setting press | clock | ticking
			study learn | theory tactics strategy | deep
			spot/spotted/spotted/spotting miss | fork pin | hidden
			protect | king | exposed`,
		places: `at the chess club; in the tournament hall; across the board; in the back of the cafe; at the kitchen table;
			in the park; by the window; on the train`,
	},
	{
		name:       "astronomy",
		activities: `stargazing; watching the night sky; observing planets through a telescope; counting meteors`,
		people:     `astronomer stargazer observer navigator comet+hunter`,
		things:     `star planet moon comet meteor constellation galaxy nebula eclipse horizon crater cluster`,
		tools:      `telescope eyepiece mount star+chart`,
		stuff:      `starlight darkness moonlight`,
		acts: `
			observe track photograph spot/spotted/spotted/spotting | planet comet moon | bright faint distant
			find/found/found name sketch | star constellation cluster nebula galaxy | faint twinkling dim
			count | meteor | brilliant
			align set/set/set/setting | telescope mount | steady
			chart | crater | shadowed
			watch | eclipse horizon | clear cloudless
			clean change | eyepiece | wide
			consult | star+chart | folded
			| starlight moonlight darkness | pale`,
		places: `in the observatory; on the hilltop; in the back garden; under a clear sky; far from the town lights;
			on the roof; at the eyepiece; beside the dome`,
	},
	{
		name:       "music",
		activities: `making music; singing in a choir; leading the village choir; learning old folk songs; singing in harmony`,
		people:     `singer choirmaster conductor chorister soloist composer songwriter`,
		things:     `chord melody score rehearsal choir tune concert song hymn verse chorus carol anthem round ballad`,
		tools:      `metronome tuning+fork songbook`,
		stuff:      `music rhythm harmony breath`,
		acts: `
			sing/sang/sung hum/hummed/hummed/humming whistle compose arrange | tune song melody hymn carol ballad | mournful lilting rousing tuneful
			conduct rehearse | choir concert | large
			learn memorise | verse chorus round anthem | long difficult
			read/read/read study | score | marked
			strike/struck/struck hold/held/held | chord | resonant discordant
			tap check | metronome tuning+fork songbook | ticking battered
			| music rhythm harmony breath | harmonious melodic`,
		places: `in the concert hall; at the village dance; in the church choir; in the rehearsal room;
			at the folk club; on the bandstand; in the front parlour; around the kitchen table`,
	},
	{
		name:       "photography",
		activities: `photography; developing film; printing in a darkroom; photographing the street`,
		people:     `photographer printer darkroom+assistant portraitist street+photographer`,
		things:     `shutter negative print frame portrait landscape roll shadow viewfinder photograph`,
		tools:      `camera lens tripod enlarger tray light+meter filter`,
		stuff:      `film light developer fixer grain contrast`,
		acts: `
			develop print dodge crop/cropped/cropped/cropping | print negative photograph | grainy sharp blurred faded
			frame shoot/shot/shot | portrait landscape | candid
			load/loaded wind/wound/wound | roll film | fresh
			focus clean change | camera lens | heavy
			mix | developer fixer | fresh
			| shutter shadow viewfinder | slow long
			| light contrast grain | soft harsh overexposed underexposed`,
		places: `in the darkroom; on the street corner; in the studio; at the window; under the red lamp;
			on the harbour wall; in the market square; at the gallery`,
	},
	{
		name:       "architecture",
		activities: `studying old buildings; restoring a cottage; building with stone; designing bridges`,
		people:     `architect mason builder engineer surveyor bricklayer thatcher`,
		things: `arch vault beam column wall roof window doorway staircase bridge tower spire buttress
			chimney gable cornice courtyard cellar rafter lintel cottage`,
		tools: `plumb+line trowel scaffold`,
		stuff: `stone brick timber mortar lime slate plaster`,
		acts: `
			design build/built restore survey | bridge tower cottage courtyard staircase spire | stately derelict restored elegant gothic
			repoint rebuild/rebuilt/rebuilt | wall chimney arch gable | crumbling
			thatch | roof | leaking
			support | vault arch beam column | vaulted timbered
			lay/laid/laid cut/cut/cut/cutting | stone brick slate | local reclaimed
			mix | mortar plaster lime | soft
			replace | rafter lintel window doorway | rotten
			| cellar cornice | symmetrical sturdy`,
		places: `in the old town; on the scaffolding; in the cathedral close; at the building site; along the high street;
			in the village square; on the river front; under the arches`,
	},
	{
		name:       "weather",
		activities: `watching the weather; keeping a weather diary; reading the clouds; forecasting rain`,
		people:     `forecaster observer farmer sailor shepherd meteorologist`,
		things: `cloud storm gale shower rainbow gust front drizzle thunderstorm hailstorm frost fog+bank sky
			sunrise sunset`,
		tools: `barometer thermometer wind+vane rain+gauge`,
		stuff: `rain snow sleet hail mist dew sunshine thunder`,
		acts: `
			forecast/forecast/forecast predict track | storm gale shower thunderstorm front frost hailstorm | sudden heavy
			watch photograph | cloud rainbow sunrise sunset sky fog+bank | towering red
			read/read/read tap/tapped/tapped/tapping check | barometer thermometer rain+gauge wind+vane | falling
			measure record | rain snow hail dew | heavy light
			hear/heard/heard | thunder | distant
			| drizzle gust | chilly blustery
			| sleet mist sunshine | balmy muggy`,
		places: `on the hill; at the weather station; by the barometer; on the open moor; at the window;
			in the farmyard; on the harbour wall; over the valley`,
	},
	{
		name:       "tea",
		activities: `drinking tea; growing tea on a hillside; blending tea; keeping a tea room`,
		people:     `tea+taster tea+planter blender picker tea+room+owner`,
		things:     `leaf/leaves tea+bush pot+of+tea/pots+of+tea cup+of+tea/cups+of+tea tea+chest blend sample biscuit`,
		tools:      `kettle strainer caddy tray teapot cup saucer urn cosy teaspoon`,
		stuff:      `tea milk sugar lemon`,
		acts: `
			brew pour drink/drank/drunk | pot+of+tea cup+of+tea | strong weak stewed scalding
			pick wither roll dry/dried | leaf | young tender
			blend taste sample | blend sample | smoky malty fragrant delicate
			boil fill | kettle urn | copper
			warm rinse | teapot cup | porcelain
			add stir/stirred/stirred/stirring | milk sugar lemon | cold
			prune pluck | tea+bush | terraced
			open pack | tea+chest caddy | wooden
			dunk offer | biscuit | ginger
			brew | tea | loose green black`,
		places: `in the tea room; on the terraced hillside; by the stove; in the kitchen; at the auction rooms;
			on the veranda; beside the fire; in the garden`,
	},
	{
		name:       "coffee",
		activities: `roasting coffee; running a small cafe; brewing coffee by hand; visiting coffee farms`,
		people:     `roaster barista grower cupper cafe+owner`,
		things:     `bean cup mug pot sack farm bush cherry sample counter`,
		tools:      `roaster grinder filter coffee+machine kettle`,
		stuff:      `coffee crema milk`,
		acts: `
			roast grind/ground/ground weigh | bean | roasted dark green
			pour drink/drank/drunk | cup mug pot | hot bitter strong
			pick sort dry/dried | cherry | ripe red
			sample taste | sample | fruity earthy
			clean descale | grinder coffee+machine roaster | gleaming
			froth steam | milk | cold
			visit | farm | mountain
			brew | coffee | rich aromatic bold mellow burnt
			carry/carried fill | sack | heavy
			prune | bush | shady
			wipe | counter | long`,
		places: `in the roastery; at the counter; on the mountain farm; by the coffee machine; in the cafe window;
			at the market; in the tasting room; on the terrace`,
	},
	{
		name:       "printing",
		activities: `printing with moveable type; setting type by hand; running a small press; making posters`,
		people:     `printer compositor typesetter pressman/pressmen engraver apprentice`,
		things:     `press type case forme galley poster broadside pamphlet proof sheet page letter woodcut`,
		tools:      `roller quoin chase composing+stick`,
		stuff:      `ink paper lead`,
		acts: `
			set/set/set/setting distribute sort | type letter | worn bold
			print fold | poster broadside pamphlet sheet page | inky crisp smudged freshly+printed uneven
			pull/pulled correct read/read/read | proof | rough
			lock | forme chase galley | heavy
			carve cut/cut/cut/cutting | woodcut | bold
			ink roll | roller | rubber
			mix | ink | black sticky
			damp dampen | paper | heavy
			oil | press | old letterpress`,
		places: `in the print shop; at the press; by the type cases; in the composing room; on the drying lines;
			in the back of the newspaper office; at the market; on the noticeboards`,
	},
}

func allTopics() []topicSpec {
	var all []topicSpec
	for _, group := range [][]topicSpec{landTopics, craftTopics, travelTopics, townTopics} {
		all = append(all, group...)
	}
	return all
}

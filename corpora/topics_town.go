package corpora

// Topics of the town, the study and the night sky.

var townTopics = []topicSpec{
	{
		name:       "libraries",
		activities: `working in a library; cataloguing books; reading in a public library; running a village lending library`,
		people:     `librarian archivist reader cataloguer scholar porter bookseller`,
		things: `book shelf/shelves catalogue reading+room stack ledger manuscript periodical reference+desk
			table volume atlas index archive+box newspaper`,
		tools: `card+index ladder trolley lamp`,
		stuff: `dust silence paper knowledge parchment`,
		adjs:  `hushed musty overdue rare borrowed dusty crowded scholarly shelved`,
		verbs: `catalogue/catalogued shelve/shelved lend/lent borrow/borrowed read/read stamp/stamped mend/mended dust/dusted sort/sorted recommend/recommended`,
		places: `in the reading room; among the stacks; at the issue desk; in the archive; under the green lamps;
			in the local history corner; on the top shelf; in the basement store`,
	},
	{
		name:       "chess",
		activities: `playing chess; studying old chess games; solving endgames; playing correspondence chess`,
		people:     `chess+player grandmaster opponent club+player coach arbiter problemist`,
		things: `board pawn knight bishop rook queen king opening gambit endgame sacrifice fork pin move
			tournament position square file diagonal`,
		tools: `clock`,
		stuff: `strategy tactics theory time+pressure`,
		adjs:  `aggressive solid passive sharp drawn doubled isolated winning quiet`,
		verbs: `sacrifice/sacrificed defend/defended attack/attacked trade/traded study/studied analyse/analysed castle/castled capture/captured block/blocked advance/advanced`,
		places: `at the chess club; in the tournament hall; across the board; in the back of the cafe; at the kitchen table;
			in the park; by the window; on the train`,
	},
	{
		name:       "astronomy",
		activities: `stargazing; watching the night sky; observing planets through a telescope; counting meteors`,
		people:     `astronomer stargazer observer navigator comet+hunter`,
		things: `star planet moon comet meteor constellation galaxy nebula observatory dome eclipse orbit
			horizon crater cluster`,
		tools: `telescope eyepiece mount star+chart`,
		stuff: `starlight darkness moonlight dew`,
		adjs:  `faint bright distant clear cloudless twinkling dim moonlit starry`,
		verbs: `observe/observed track/tracked sketch/sketched photograph/photographed align/aligned count/counted find/found chart/charted spot/spotted/spotted/spotting name/named`,
		places: `in the observatory; on the hilltop; in the back garden; under a clear sky; far from the town lights;
			on the roof; at the eyepiece; beside the dome`,
	},
	{
		name:       "music",
		activities: `making music; playing in a band; singing in a choir; learning the violin; tuning an old piano`,
		people:     `musician violinist pianist singer conductor organist fiddler piper composer`,
		things: `violin piano cello flute fiddle string chord melody score rehearsal choir tune harmony concert
			song drum harp organ hymn`,
		tools: `bow metronome`,
		stuff: `music rhythm harmony rosin applause`,
		adjs:  `tuneful melodic harmonious discordant rousing mournful lilting resonant flat sharp`,
		verbs: `play/played tune/tuned practise/practised conduct/conducted compose/composed sing/sang/sung rehearse/rehearsed hum/hummed/hummed/humming arrange/arranged perform/performed`,
		places: `in the concert hall; at the village dance; in the church choir; at the piano; in the rehearsal room;
			at the folk club; on the bandstand; in the front parlour`,
	},
	{
		name:       "photography",
		activities: `photography; developing film; printing in a darkroom; photographing the street`,
		people:     `photographer printer darkroom+assistant portraitist street+photographer`,
		things:     `shutter negative print darkroom frame portrait landscape roll shadow viewfinder`,
		tools:      `camera lens tripod enlarger tray light+meter filter`,
		stuff:      `film light developer fixer grain contrast`,
		adjs:       `grainy sharp blurred overexposed underexposed contrasty faded candid`,
		verbs:      `develop/developed print/printed frame/framed focus/focused expose/exposed crop/cropped/cropped/cropping shoot/shot load/loaded dodge/dodged`,
		places: `in the darkroom; on the street corner; in the studio; at the window; under the red lamp;
			on the harbour wall; in the market square; at the gallery`,
	},
	{
		name:       "architecture",
		activities: `studying old buildings; restoring a cottage; building with stone; designing bridges`,
		people:     `architect mason builder engineer surveyor bricklayer thatcher`,
		things: `arch vault beam column wall roof window doorway staircase bridge tower spire buttress
			chimney gable cornice courtyard cellar rafter lintel`,
		stuff: `stone brick timber mortar lime slate plaster`,
		adjs:  `vaulted timbered crumbling symmetrical stately sturdy gothic derelict restored`,
		verbs: `build/built design/designed restore/restored repoint/repointed survey/surveyed thatch/thatched plaster/plastered measure/measured support/supported demolish/demolished`,
		places: `in the old town; on the scaffolding; in the cathedral close; at the building site; along the high street;
			in the village square; on the river front; under the arches`,
	},
	{
		name:       "weather",
		activities: `watching the weather; keeping a weather diary; reading the clouds; forecasting rain`,
		people:     `forecaster observer farmer sailor shepherd meteorologist`,
		things: `cloud storm gale shower rainbow gust front drizzle thunderstorm hailstorm frost fog+bank sky
			sunrise sunset`,
		tools: `barometer thermometer wind+vane`,
		stuff: `rain snow sleet hail mist dew sunshine thunder`,
		adjs:  `blustery overcast sultry muggy chilly crisp balmy thundery showery changeable`,
		verbs: `forecast/forecast/forecast record/recorded watch/watched measure/measured predict/predicted read/read note/noted chart/charted`,
		places: `on the hill; at the weather station; by the barometer; on the open moor; at the window;
			in the farmyard; on the harbour wall; over the valley`,
	},
	{
		name:       "tea",
		activities: `drinking tea; growing tea on a hillside; blending tea; keeping a tea room`,
		people:     `tea+taster tea+planter blender picker tea+room+owner`,
		things:     `leaf/leaves tea+bush pot+of+tea/pots+of+tea cup+of+tea/cups+of+tea tea+chest blend sample brew infusion tea+garden`,
		tools:      `kettle strainer caddy tray teapot cup saucer samovar cosy teaspoon`,
		stuff:      `tea milk sugar lemon steam`,
		adjs:       `strong weak smoky malty fragrant stewed brewed scalding delicate`,
		verbs:      `brew/brewed pour/poured steep/steeped blend/blended pick/picked taste/tasted warm/warmed stir/stirred/stirred/stirring`,
		places: `in the tea room; on the terraced hillside; by the stove; in the kitchen; at the auction rooms;
			on the veranda; beside the fire; in the garden`,
	},
	{
		name:       "coffee",
		activities: `roasting coffee; running a small cafe; brewing coffee by hand; visiting coffee farms`,
		people:     `roaster barista grower cupper cafe+owner`,
		things:     `bean cup mug pot sack farm bush cherry sample counter`,
		tools:      `roaster grinder filter espresso+machine kettle`,
		stuff:      `coffee crema milk aroma caffeine`,
		adjs:       `bitter rich roasted aromatic bold mellow burnt fruity earthy`,
		verbs:      `roast/roasted grind/ground brew/brewed taste/tasted weigh/weighed pour/poured blend/blended sample/sampled`,
		places: `in the roastery; at the counter; on the mountain farm; by the espresso machine; in the cafe window;
			at the market; in the tasting room; on the terrace`,
	},
	{
		name:       "printing",
		activities: `printing with moveable type; setting type by hand; running a small press; making posters`,
		people:     `printer compositor typesetter pressman/pressmen engraver apprentice`,
		things:     `press type case forme galley poster broadside pamphlet proof sheet page letter woodcut`,
		tools:      `roller quoin chase`,
		stuff:      `ink paper lead type metal`,
		adjs:       `inky crisp smudged bold letterpress freshly+printed uneven`,
		verbs:      `set/set/set/setting ink/inked print/printed proof/proofed lock/locked distribute/distributed carve/carved fold/folded`,
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

/**
 * Word lists for the offline keyword extractor (English). Small on purpose: the extractor needs to know what is
 * certainly not a filmable thing (function words, common verbs, vague nouns), not a full dictionary.
 */

export const STOP_WORDS = new Set(
  `a about above across after again against all almost along already also although always am among an and another any
  anybody anyone anything anyway anywhere are around as at away back be became because become becomes been before
  behind being below beneath beside besides between beyond both but by can cannot could did do does doing done down
  during each either else enough even ever every everybody everyone everything everywhere few for from further had
  has have having he her here hers herself him himself his how however i if in inside instead into is it its itself
  just least less like many may me might more most much must my myself near nearly neither never nevertheless next
  no nobody none nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours
  ourselves out outside over own per perhaps quite rather really same shall she should since so some somebody
  someone something sometimes somewhere soon still such than that the their theirs them themselves then there
  therefore these they this those though through throughout thus to together too toward towards under unless until
  up upon us very via was we well were what whatever when whenever where wherever whether which while who whoever
  whole whom whose why will with within without would yet you your yours yourself yourselves let lets let's
  it's that's there's here's what's who's don't doesn't didn't isn't aren't wasn't weren't can't couldn't won't
  wouldn't shouldn't i'm you're we're they're i've you've we've they've i'll you'll we'll they'll i'd you'd we'd
  they'd he's she's today tomorrow yesterday ago later earlier first second third last new old good bad great big
  small little long short high low right left certain different important possible real true sure able okay ok
  yes oh hey hello thanks thank please maybe actually basically simply truly especially usually finally suddenly
  mostly probably exactly already everyday else etc`.split(/\s+/).filter(Boolean),
);

/** Words that make a phrase a possessive or determiner phrase: what follows them is a noun, not a verb. */
export const DETERMINERS = new Set('a an the this these those my your his her its our their some every each no any another such'.split(' '));

/** Nouns too vague to film on their own ("the way things work"). */
export const VAGUE_NOUNS = new Set(
  `thing things way ways time times person lot lots sense basics detail details kind kinds sort part parts fact facts idea ideas reason
  reasons example examples number numbers point points case cases place places stuff bit bits area areas side sides
  world life lives problem problems question questions answer answers issue issues matter type types form forms
  level levels amount amounts result results step steps end start beginning moment moments today year years day days
  look looks week weeks month months minute minutes second seconds hour hours percent video videos episode channel subscribe
  everything something nothing anything someone everyone world`.split(/\s+/).filter(Boolean),
);

export const NUMBER_WORDS = new Set(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
  millions billion billions trillion dozen dozens half twice once`.split(/\s+/).filter(Boolean),
);

/**
 * Common verbs (base forms). A word from this list counts as a verb only after a non-determiner ("the harbour fills"),
 * so "the rain", "a walk" and "the market" stay nouns.
 */
export const COMMON_VERBS = new Set(
  `accept add admit agree allow appear apply arrive ask become begin believe belong bring build buy call carry catch
  cause change choose claim climb close come consider contain continue cost count cover create cross cut decide
  describe design destroy develop die discover do drink drive drop eat enjoy enter explain fall feel fight fill find
  finish fly follow forget form get give go grow happen hate have hear help hide hit hold hope imagine improve include
  increase join keep kill know learn leave let lie like listen live look lose love make mean meet mind miss move need
  notice offer open own pay pick plan prefer prepare present prevent produce promise protect prove provide pull push
  put reach read realise realize receive reduce remain remember remove repeat reply report require rest return rise
  say see seem sell send serve set shake share shine shoot show shut sing sit sleep speak spend stand stay steal stop
  study succeed suggest supply support suppose take talk teach tell tend thank think throw touch try turn understand
  use visit wait wake want warm wash watch wear win wish wonder work worry write yield fills rises falls sets begins
  becomes seems means makes takes gives gets goes comes knows thinks says tells sees looks feels keeps lets puts
  play breathe swim dance jump walk run sail float burn glow flow shine smile laugh cry roll crash absorb stretch
  repair unload sell drift spin pour crawl bloom melt freeze boil bake fry stir chop install click press download
  upload deploy save invest earn spend cook clean paint wander explore travel collect gather`.split(/\s+/).filter(Boolean),
);

/** Irregular past forms of common verbs (a past form after a subject is the verb of the clause). */
export const IRREGULAR_PAST = new Set(
  `was were had did said made went took came saw knew got gave found thought told became left felt brought began kept
  held wrote stood heard let meant set met ran paid sat spoke lay led grew lost fell sent built understood drew broke
  spent rose drove bought wore chose sold fought threw caught taught flew sang slept woke`.split(/\s+/).filter(Boolean),
);

/** Suffixes of adjectives that describe rather than show ("beautiful", "famous"): kept only before a noun. */
export const ADJECTIVE_SUFFIX = /(ful|ous|ive|able|ible|less|ish)$/;
/** -ly words that are nouns or names, not adverbs. */
export const LY_NOUNS = new Set('family italy july rally belly lily bully jelly fly ally assembly supply reply holly jolly butterfly dragonfly firefly anomaly monopoly'.split(' '));

/** Plain adjectives with no telltale suffix: a verb-list word after one is a noun ("busy mind", "warm light"). */
export const COMMON_ADJECTIVES = new Set(
  `busy quiet tall warm cold hot cool dark bright empty full fresh green blue red yellow white black grey gray golden
  silver wild deep wide narrow clear calm soft loud heavy light young ancient modern tiny huge open early late slow
  fast quick rich poor clean dirty dry wet sunny rainy snowy foggy misty rocky sandy stormy busy crowded lonely
  happy sad angry gentle strong weak thin thick sharp smooth rough sweet bitter smart clever strange weird rare simple
  easy hard`.split(/\s+/).filter(Boolean),
);

/** After these the next word is a verb ("can absorb", "to build", "will rise"). */
export const VERB_LEADS = new Set("can could will would shall should may might must to do does did don't doesn't didn't can't won't".split(' '));

/** Subjects that make the next -s word their verb: "it sounds", "what happens", "that keeps". */
export const SUBJECT_PRONOUNS = new Set('it he she this that which who what everything something nothing'.split(' '));

/** "two litres a day": an article after a noun that starts a rate, not an object. */
export const RATE_WORDS = new Set('second minute hour day night week month year decade century time'.split(' '));

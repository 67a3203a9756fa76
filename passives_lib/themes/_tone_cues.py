"""The cue lists that decide an opinion's polarity where its score is weak (see ``_tone``).

Each table maps a language (``en``, ``fr``) to one regular expression over lower-cased
text; :func:`passives_lib.themes._tone.cue_patterns` compiles them in the order
:func:`passives_lib.themes._tone.polarities` reads them.
"""

from __future__ import annotations

SUGGESTION_CUES = {
    "en": r"\b(?:should|shouldn't|could do with|could be|would be (?:nice|good|great|better|"
    r"helpful)|would like|wish|suggest\w*|needs? to|ought to|it would help|if only|"
    r"would have liked|maybe (?:more|less|a)|more \w+ (?:would|please)|would (?:really |also |"
    r"so )?(?:love|help|save)|if\b[^.]*\bwould be (?:perfect|great|ideal|amazing)|"
    r"(?:really |we |i )need (?:it|you|them) to|any plans (?:for|to))\b",
    "fr": r"\b(?:il faudrait|faudrait|devrai(?:t|ent)|devriez|pourrai(?:t|ent|ez)|pourriez|"
    r"serai(?:t|ent) (?:bien|bon|mieux|appréciable|souhaitable|utile|judicieux|intéressant|"
    r"agréable|préférable|nécessaire|parfait|idéal|génial|top|super|(?:le |la )?bien ?venue?s?)|"
    r"idéal serait|"
    r"souhaite\w*|aimerai\w*|préférerai\w*|voudrai\w*|apprécierai\w*|suggère|suggestion|"
    r"davantage|il manque|à (?:améliorer|revoir|compléter|développer|étoffer|repenser)|"
    r"(?:j'|nous )?aurai(?:s|t|ons)? (?:bien |vraiment )?(?:aimé|apprécié|voulu|souhaité))\b",
}
COMPLAINT_CUES = {
    "en": r"\b(?:(?:felt|feel|feeling|being|was|were) rushed(?! (?:to|into|in)\b)|rushed "
    r"(?:me|us|him|her|them) out|too|not|never|nobody|n't|wait(?:ed|ing)?|late|delay\w*|"
    r"cancel\w*|unfortunately|disappoint\w*|"
    r"return(?:ed|ing)?(?! (?:journey|trip|home|transport|visit|leg)s?\b)|refund\w*|broke|broken|"
    r"ripped|hole|holes|thin|cheap|cheaply|itchy|tight|runs? (?:small|large|big|short|long)|"
    r"see[- ]through|sheer|shrank|shrunk|faded|pilled|pilling|smaller|larger|bigger|"
    r"boxy|wrinkle\w*|rude|slow|lost|hours|weeks|couldn't|can't|cannot|won't|didn't|"
    r"queues?|ages|forever|out of date|outdated|nothing happens|no (?:reply|response|answer)|"
    r"leak(?:s|ed|ing)?|took (?:over |more than )?(?:a|\w+) (?:days?|weeks?|months?)|"
    r"wasn't|isn't|doesn't|don't|lack\w*|missing|expensive|overpriced|pricey)\b",
    "fr": r"\b(?:trop|pas|jamais|aucun|aucune|manque\w*|attente|attendre|attendu|long|"
    r"longue|longues|lent|lente|cher|chers|chère|chères|sale|désagréable|mauvais|mauvaise|"
    r"nul|nulle|déçu|déçue|décevant\w*|problème\w*|rupture|impossible|difficile|peu|"
    r"insuffisant\w*|fermée?s?|introuvable|dommage|malheureusement|erreur|cassé\w*|mort|"
    r"élevé\w*|elevé\w*|decu\w*|déçu\w*|désordre|sale\w*|impoli\w*|désagréable\w*|"
    r"attendre|arnaque\w*|regrett\w*|"
    r"morte|ab[iî]m\w*|rien|personne|moins|augment\w*|hausse|plus assez|désirer|"
    r"excessi\w*|exagér\w*|onéreu\w*|prohibiti\w*|compliqu\w*|difficult\w*|brouillon\w*|"
    r"agaç\w*|agacé\w*|énerv\w*|soucis?|galère\w*|horrible\w*|lamentable\w*|scandal\w*|"
    r"inadmissible\w*|inacceptable\w*|honte\w*|honteu\w*|déplor\w*|médiocre\w*|pire|"
    r"incompéten\w*|désorganis\w*|bruyant\w*|retard\w*|oubli\w*|défaut\w*|hélas|"
    r"déception\w*|malpoli\w*|grossi[eè]r\w*|vétuste\w*|dégrad\w*|pourri\w*|"
    r"fané\w*|perdu\w*|absen(?:ce|ces|t|te|ts|tes)|abusi\w*|inférieur\w*|embêt\w*|confus\w*)\b",
}
PRAISE_CUES = {
    "en": r"\b(?:on time|quick|quickly|fast|efficient\w*|true to size|fits? (?:perfectly|"
    r"well|great|nicely|like a glove)|(?:just |exactly )like (?:the |in the |on the )?"
    r"(?:picture|photo|pic|image|model)s?|on point|first class|top notch|just right|"
    r"(?<!one )(?<!a )(?<!the )spot on|soft|comfy|"
    r"comfortable|flattering|gorgeous|recommend\w*|"
    r"thank\w*|helpful|friendly|polite|professional|clean|caring|kind|just works|works "
    r"(?:perfectly|flawlessly|every time|like a charm)|simple|simpler|intuitive|"
    r"straightforward|reliable|affordable|reasonably priced|value for money|worth every penny|"
    # praise VADER does not know, unless wished for ("more punctual") or a verb ("prompt you")
    r"(?<!more )(?<!less )(?:exceptional\w*|impeccabl\w*|attentive|knowledgeable|"
    r"prompt(?:ly)?(?! (?:you|me|us|them|him|her)\b)|punctual\w*|thorough\w*|informative|"
    r"marvell?ous\w*|spotless|immaculate|effortless\w*|hassle[- ]free)|"
    r"(?<!not )(?<!n't )(?<!not really )(?<!if it's )(?<!if it is )worth (?:the (?:\w+ )?"
    r"(?:price|money|cost|wait)|it))\b",
    "fr": r"\b(?:bien|bon|bonne|bons|bonnes|super|excellent\w*|parfait\w*|agréable\w*|"
    r"aimable\w*|sympa\w*|accueillant\w*|compétent\w*|satisfait\w*|content\w*|propre\w*|"
    r"beau|belle|beaux|belles|rapide\w*|efficace\w*|disponible\w*|professionnel\w*|"
    r"souriant\w*|merci|bravo|top|génial\w*|magnifique\w*|facile\w*|pratique\w*|"
    r"large choix|grand choix|choix|qualité|serviable\w*|cordial\w*|"
    r"chaleureu\w*|gentil\w*|plaisir|prix bas|pas cher|pas chers|abordable\w*|"
    r"raisonnable\w*|correct\w*|joli\w*|satisfaction|appréci\w*|ador\w*|fan|fans|favori\w*|"
    r"aim(?:e|es|ons|ez|ent|é|ée|és|ées)|remarquable\w*|impeccable\w*|formidable\w*|nickel|ravie?s?|superbe\w*|"
    r"pla[iî]t|plaisent|merveill\w*|idéal\w*|paradis|compliment\w*|réacti\w*|"
    r"attentionn\w*|écoute|amabilité|gentillesse|compétence\w*|professionnalisme|"
    r"efficacité|rapidité|propreté|convivia\w*|ok|enchant\w*|heureu(?:x|se|ses)|félicit\w*|"
    r"sérieu\w*|soigné\w*|bienveillan\w*|utile\w*|fiable\w*|fantastique\w*|"
    r"exceptionnel\w*|splendide\w*|plaisant\w*|intéressant\w*|satisfaisant\w*|poli|polie|"
    r"polis|polies|recommand\w*|reviendr\w*|avisé\w*)\b",
}
# Satisfaction said with a negation or "nothing" ("can't fault", "no complaints", "nothing
# was too much trouble", "I don't think anything could have been done any better"): praise.
_SATISFIED_EN = (
    r"(?:can'?t|cannot|couldn'?t|could not|can not) (?:find (?:any )?fault|fault|complain|ask "
    r"for more|have been better|be better|do (?:any )?better|think of|improve)",
    r"nothing (?:to|i would|could|that could|they could|you could|needs? to) (?:improve|change|"
    r"be better|do better|be improved|be done|be changed)",
    r"nothing (?:could|can) be improved?\b",
    r"(?:can'?t|cannot|couldn'?t|could not|can not) (?:praise|thank|fault)\b[^.]{0,30}\benough",
    r"no complaints?",
    r"(?<!i'm )(?<!i am )(?<!am )(?:not|never) complaining|(?:can'?t|cannot|couldn'?t|could not) "
    r"(?:make|find|have) (?:any )?complaints?",
    r"^\W*keep (?:it |things |everything )?(?:the )?same\b",
    r"nothing (?:in my (?:opinion|view)|for me|at all|really) needs? (?:to )?(?:change|improv\w*)",
    r"could have nothing better",
    r"nothing (?:else|more)",
    r"not (?:a|any) (?:problem|issue)s?",
    r"(?:could(?:n't| not)? have done|can(?:'t| not)? do) nothing better",
    r"nothing (?:could|can) (?:have been |be )?(?:done )?better",
    r"nothing better(?=[\s.!]*$)",
    # a negated "better", "more" or "enough": the best there is
    r"(?:can'?t|cannot|couldn'?t|could not|can not) (?:have )?(?:be(?:en)? )?better(?:ed)? "
    r"(?:this|that|it)\b|(?:could|can)(?:n'?t| not) (?:have )?be(?:en)? bettered",
    r"(?:can'?t|cannot|couldn'?t|could not|can not) (?:have |of )?(?:(?:done|do|get|got|gotten|"
    r"be|been) (?:any(?:thing)? |much )?better|done (?:any(?:thing)? |much )?more|"
    r"ask(?:ed)? for (?:any(?:thing)? )?(?:more|better)|"
    r"help(?:ed)? (?:me |us |him |her |them )?(?:enough|more|any more than)|"
    r"(?:been|be) (?:any |much )?more "
    r"(?:helpful|kind|caring|attentive|supportive|friendly|professional|understanding|polite|"
    r"efficient|reassuring|thorough|patient|considerate|compassionate|pleasant|informative))",
    r"nothing (?:was |is |were |seemed |seems )?too much (?:trouble|bother|effort)",
    # "nothing to improve" in other words
    r"(?:don'?t|do not|can'?t|cannot|couldn'?t|could not|can not) (?:think|see|imagine)(?: of)? "
    r"(?:that )?(?:there (?:is|was|'s) )?(?:anything|any way|any need|any room|what|how)\b"
    r"[^.]{0,50}\b"
    r"(?:better|improve\w*|change\w*)",
    r"there (?:isn'?t|is not|wasn'?t|was not) anything\b[^.]{0,50}\b(?:better|improve\w*|"
    r"change\w*)",
    r"(?:there'?s |there is )?no (?:need|room|scope) (?:for|to) (?:any )?(?:improve\w*|"
    r"change\w*|better)",
    r"^\W*(?:there'?s |there is )?no need\W*$",
    # effort and care seen
    r"(?<!not )work(?:s|ed|ing)? (?:so |very |really |extremely |incredibly )?hard",
    r"hard[- ]?working",
    r"(?:could|can)(?:n'?t| not)? (?:have )?ask(?:ed)? for (?:no|nothing) (?:better|more)",
    r"keep (?:up the good work|doing what you(?:'re| are) doing|it up|up the great work)",
    r"(?:didn'?t|did not|never|wasn'?t|was not|weren'?t|were not) (?:feel |felt )?rush(?:ed)?\b",
    # a problem solved
    r"(?<!no )(?<!not )(?:problem|issue|query|matter|fault|complaint)s? (?:was |were |got |has "
    r"been |have been |is |are |all )?(?:quickly |promptly |soon |fully |easily |swiftly )?"
    r"(?:resolved|sorted|fixed|solved|dealt with)",
    r"(?:don'?t|do not) think (?:that )?(?:there is |there's )?(?:anything|it|this|that|you|they) "
    r"(?:could|"
    r"can|needs?|would)(?: to)? (?:have )?(?:be |been |do |done )?(?:any(?:thing)? |much )?"
    r"(?:improved?|better(?:ed)?|changed?)",
    # gratitude said with a negation: "can't thank you enough", "couldn't do without them",
    # "without this service I could not cope", "nobody could have done more"
    r"(?:can'?t|cannot|couldn'?t|could not|can not) thank (?:you|them|him|her|the \w+|"
    r"every(?:one|body)|you all|all)(?: \w+)? enough",
    r"(?:can'?t|cannot|couldn'?t|could not|can not|wouldn'?t|would not) (?:have )?(?:do|done|"
    r"cope|coped|manage|managed|survive|survived|be coping|get by) without (?:you|them|him|her|"
    r"it|this|that|the|your|their)\b",
    r"(?:if it (?:was|were|had) not|if it (?:wasn'?t|weren'?t|hadn'?t)(?: been)?) for "
    r"(?:this|the|your|their|you|them)\b[^.]{0,60}\b(?:would(?:n'?t| not)|could(?:n'?t| not))",
    r"without (?:(?:(?:this|the|your|their) )?(?:\w+ ){0,3}(?:service|help|support|team|staff|"
    r"care|crew|nurses?|doctors?|people|transport)|you|them)\b,? (?:i|we|he|she|they) "
    r"(?:would(?:n'?t| not)|could(?:n'?t| not))\b",
    r"(?:nobody|no one|no-one|noone) could (?:\[?have\]? )?(?:done|do|given|give) (?:any )?more",
    # good care seen as never before: "I've never had such good care"
    r"never (?:had|received|experienced|seen|known|met|been treated with|been given) (?:such|so "
    r"much|better) (?:\w+ )?(?:good|great|kind|kindness|wonderful|excellent|"
    r"fantastic|amazing|brilliant|caring|care|lovely|nice|helpful|professional|support|"
    r"treatment|service)",
    # concerns heard: "my concerns were taken seriously" (no negation before it)
    r"^(?=[^.]*seriously)(?:(?!\bnot\b|n't\b|\bnever\b|\bno one\b|\bnobody\b).)*?"
    r"(?:\b(?:was|were|is|are|felt|been|always|being) taken|\b(?:took|take|takes|taking) "
    r"(?:my|our|his|her|their|the|your|me|us|him|them|it|all)(?: \w+)?(?: concerns?| worries|"
    r" symptoms?| problems?| issues?)?) seriously",
    # expectations met or beaten: "everything is where I expect it to be", "arrived quicker
    # than expected", "exceeded my expectations" (not "isn't what I expected")
    r"(?<!nothing )(?<!nobody )(?:is|was|are|were|works?|worked|went|arrived|fits?|looks?) "
    r"(?:just |exactly |all )?(?:as|"
    r"where|what|how) (?:i|we|you|one) (?:would |had |have |could |did )?(?:expect|expected|was "
    r"expecting|were expecting)(?: (?:it|them|things|it all))?(?: to (?:be|work|look|fit))?\b"
    r"(?! (?:but|until|except)\b)",
    r"(?:exactly|just) as expected|^\W*(?:all |everything |it )?(?:was |is )?as expected\W*$",
    r"(?<!n't )(?<!not )(?<!never )(?:exceed\w*|surpass\w*|met|meets|meet|matched|lived up to|"
    r"lives up to) (?:all )?(?:of )?(?:my|our|your|their|the|all|every|any)? ?expectations?",
    r"(?:above (?:and|&) )?beyond (?:what (?:was|is|i|we|one) (?:\w+ )?expected|(?:my|our|all) "
    r"expectations)",
    r"(?:quicker|sooner|earlier|faster|better|nicer|softer|more comfortable|prettier|cuter) than "
    r"(?:i |we )?(?:had )?(?:expected|was expecting|were expecting)",
    # a problem solved by them: "they fixed the catheter problem" (not "it would have fixed")
    r"(?=fixed|solved|resolved|sorted)(?<!n't )(?<!not )(?<!never )(?<!'ve )(?<!have )"
    r"(?<!might )(?<!would )(?<!could )(?<!will )(?:fixed|solved|resolved|sorted(?: out)?) "
    r"(?:(?:the|my|our|his|her|their|this|that|a|an|any) )?(?:\w+ )?(?:problems?|issues?|"
    r"faults?|queries|query)",
)
SATISFIED_CUES = {
    "en": r"\b(?:" + "|".join(_SATISFIED_EN) + r")\b",
    "fr": r"\b(?:rien à (?:redire|dire|signaler|améliorer|changer|contredire|reprocher)|"
    r"aucun (?:problème|souci)|"
    r"rien a (?:redire|signaler|reprocher)|pas de (?:problème|souci|reproche)|"
    r"(?:ne )?changez rien|ne changez pas|continuez|r[ée]pond\w* (?:bien |parfaitement |"
    r"tout à fait |toujours |très bien )?(?:à|a) (?:mes|nos|vos|toutes mes|toutes nos) "
    r"attentes)\b",
}
# A problem said to be absent ("no training needed", "never crashes", "not bad"): praise.
ABSENT_CUES = {
    "en": r"\b(?:(?:no|never|no longer (?:a|an|any)?|without(?: any)?|zero|not (?:a|any|one|"
    r"much of an?)|"
    r"hardly any|never (?:had|"
    r"have|has) (?:a|an|any)?)\s*(?:single |real |major |big )?(?:problems?|issues?|hassles?|"
    r"fuss|bugs?|glitch\w*|crash\w*|errors?|delays?|queues?|trouble)\b(?! (?:was|were|"
    r"has been|have been|is|are|being)? ?(?:solved|resolved|fixed|sorted|addressed|dealt))|"
    r"no (?:[a-z-]+ ){1,2}(?:is |was )?(?:needed|required|necessary)|no need (?:to|for)|"
    r"(?:doesn't|does not|didn't|did not|won't|not) (?:look|feel) (?:like (?:a |an )?)?"
    r"(?:maternity|cheap|frumpy|sloppy|tent|sack|pajamas|pyjamas)\b|"
    r"(?:isn't|is not|wasn't|was not|aren't|are not|weren't|were not|not) (?:at all |even )?"
    r"(?:see[- ]?through|sheer|itchy|scratchy|clingy|flimsy)\b|"
    r"(?:isn't|is not|wasn't|was not|aren't|are not|weren't|were not|not|(?:didn't|did not|"
    r"don't|do not) find (?:it|them|this|these)) (?:too|overly) "
    r"(?:short|long|tight|loose|big|small|baggy|boxy|sheer|thin|heavy|low|high|deep|wide|clingy|"
    r"expensive|pricey|busy|crowded|noisy|complicated|itchy|stiff|scratchy)\b|"
    r"(?:didn't|did not|don't|do not|never) (?:have|need) to "
    r"(?:wait|chase|call back|repeat)|not (?:too |that |so |at all )?bad|"
    r"(?:never|hasn't|has not|haven't|have not|didn't|did not|doesn't|does not|won't|not "
    r"once) (?:once |ever )?(?:crash\w*|fail\w*|freez\w*|froze|(?:been |got )?locked out|"
    r"let (?:me|us) down|"
    r"disappoint\w*|miss(?:ed)? a beat)|(?:do|does|did|have|has) (?:not|never) let (?:me|us|"
    r"him|her|them) down|never (?:had|met|come across|dealt with) (?:a|an|one|any) (?:single )?"
    r"(?:un\w+|rude|bad|poor|unpleasant|negative|grumpy) (?:person|member|experience|"
    r"encounter|word|driver|crew|nurse|doctor|staff|one)|(?:can't|cannot|can not|couldn't) "
    r"wait to|nothing\W+"
    r"(?:everything|all|it) (?:was|is|went) (?:good|great|fine|excellent|perfect))",
    "fr": r"\b(?:pas besoin d(?:e |')|sans (?:aucun |aucune |le moindre |la moindre )?"
    r"(?:problème|souci|attente|"
    r"difficulté|encombre|accroc|bug)|jamais (?:eu )?(?:de )?(?:problème|souci|bug|panne)|"
    r"pas (?:mal|de bug|de panne|d'attente))",
}
# Nothing said ("nothing in particular", "pas de remarque"): neutral, not a complaint.
NOTHING_CUES = {
    "en": r"^\W*(?:nothing (?:in particular|specific|special|to (?:add|say|report)|(?:that )?i "
    r"can think of|really)|not a thing|none|no (?:comments?|remarks?|suggestions?|opinion)|"
    r"not relevant|not applicable|irrelevant|not really)"
    r"\W*$",
    "fr": r"^\W*(?:rien (?:de (?:particulier|spécial|special|plus)|à ajouter|a ajouter)|(?:pas "
    r"(?:de|d') ?|aucun(?:e)?s? )(?:remarques?|commentaires?|suggestions?|avis|opinion)(?: "
    r"(?:particuli[eè]re?s?|sp[ée]ciale?s?|sp[ée]ciaux))?|sans "
    r"(?:avis|opinion|commentaire)|ras)\W*$",
}
# A request ("please fix", "could you add", "merci de corriger"): a suggestion.
REQUEST_CUES = {
    "en": r"(?:^\W*(?:please|pls|plz|plese|pleas|pleeze|kindly)\b(?! (?:keep|continue|don't "
    r"change|never change))|\b(?:please|pls|plz|plese|kindly|could|can|would|will) (?:you |we "
    r"|they )?(?:please )?(?:add|fix|make|bring|allow|let|give|improve|update|include|offer|"
    r"provide|reduce|lower|stop|remove|restore|change|look|consider|sort|get|put|send|reply|"
    r"respond|contact|answer|check|tell|explain|call)\b|^\W*(?:(?:and|but|also|just|maybe|"
    r"perhaps|so)\s+)*(?:fix|add|bring back|allow|improve|update|include|offer|provide|reduce|"
    r"lower|restore|introduce|get rid of|sort (?:(?:it|this|that|them|things) )?out|"
    r"make (?:it|the|them|sure))\b)",
    "fr": r"(?:\b(?:s'il vous pla[iî]t|svp|stp|veuillez|pourriez-vous|pourriez vous|"
    r"pouvez-vous|pouvez vous|merci de (?:bien )?(?!vo(?:tre|s)\b|l'|la |le |les |m'avoir|"
    r"nous avoir|votre)[a-zé]+(?:er|ir|re)\b)|^\W*(?:(?:et|mais|aussi|peut-être)\s+)*"
    r"(?:ajoutez|ajouter|rajouter|rajoutez|mettez|mettre en place|proposez|proposer|corrigez|"
    r"corriger|remettez|remettre|baissez|baisser|embauchez|embaucher|prévoyez|prévoir|"
    r"agrandir|agrandissez|élargir|ouvrir|ouvrez|améliorer|améliorez|développer|développez|"
    r"pouvoir|installer|installez|augmenter|augmentez|diminuer|diminuez|offrir|offrez|créer|"
    r"créez|organiser|organisez|laisser|laissez|revoir|revoyez|simplifier|simplifiez|"
    r"supprimer|supprimez|accepter|acceptez|former|formez|recruter|recrutez|privilégier|"
    r"privilégiez|éviter|évitez|indiquer|indiquez|afficher|affichez|étiqueter|étiquetez|"
    r"annoncer|annoncez|informer|informez|prévenir|prévenez|renouveler|renouvelez)\b)",
}
# Something that fails ("app crashes every time", "login fails", "locked out of my account",
# "the page just spins", "wanted to love it"): a complaint, unless negated.
FAILURE_CUES = {
    "en": r"\b(?:(?:really |so )?wanted (?:to|it to) (?:love|like|work)|was hoping (?:to|for|it)|"
    r"hoped (?:to|it would)|crash\w*|freez\w*|froze|frozen|glitch\w*|bugs?|buggy|errors?|"
    r"fail(?:s|ed|"
    r"ing|ure)?|stopped working|stops working|not working|fell apart|came apart|snapped|"
    r"closes (?:itself|on its own|randomly|unexpectedly)|force[- ]quit|(?:does|do|did) nothing|"
    r"(?<!never )(?<!n't )(?<!not )took (?:so |too |a very |a really |a )?(?:long|ages|forever)|"
    r"(?:a |so |too )long time (?:to|before|for)|(?:minutes|hours?) late|"
    r"(?:doesn't|does not|won't|will not|"
    r"didn't|did not|wouldn't|can't|cannot) (?:work|load|open|connect|log ?in|sign ?in|sync|"
    r"save|update)|keeps? (?:crashing|closing|freezing|logging|asking|dropping|failing)|logs? "
    r"(?:me |us )?out|locked out|(?:just |keeps? |still )spin(?:s|ning)?|outages?|unusable|"
    r"broken|dropp(?:ed|ing|s) out|disconnect\w*)\b",
    "fr": r"\b(?:bug\w*|beug\w*|crash\w*|panne\w*|bloqu\w*|fig(?:e|é|ée|ent)|"
    r"dysfonctionn\w*|(?:ne|n') ?(?:marche|fonctionne|charge|s'ouvre) (?:pas|plus|jamais))",
}

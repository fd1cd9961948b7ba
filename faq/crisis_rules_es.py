"""Spanish crisis rules: many of a US clinic's patients write in Spanish, and 988 answers
in it.

The patterns run on the same folded text as the English ones: `faq.text.fold` drops
accents and the tilde ("extrañaría" is "extranaria", "daño" is "dano", "más" is "mas"),
so one unaccented pattern matches a message typed with or without them. Figures of
speech with "morir" and "matar" ("me muero de ganas", "me mata la espera", "estoy muerto
de cansancio") are everyday Spanish: no rule matches "me muero" or "me mata" alone, and
the look-alikes below keep it so. Wording was checked against the published messages
in tests/data/real_crisis_dev.yaml.
"""

from __future__ import annotations

from faq.crisis_rules_base import Idiom, Rule, RuleKind

# "Quiero" as typed in a hurry ("kiero") and the wishing forms around it.
_WANT = r"(?:quiero|kiero|qiero|quisiera|queria|deseo|desearia|quiera|prefiero|preferiria)"
_PILLS = (
    r"(?:pastillas|pastis|pildoras|comprimidos|tabletas|capsulas|medicamentos|medicinas|"
    r"ketamina|somniferos|calmantes|antidepresivos|ansioliticos|paracetamol|ibuprofeno|"
    r"clonazepam|alprazolam|lorazepam|diazepam|sertralina|fluoxetina|litio)"
)
# How many: a heap, a container, a number.
_LOTS = (
    r"(?:muchas|muchos|todas (?:las|mis)|todos (?:los|mis)|un bote de|una caja de|un frasco de|"
    r"un blister de|un monton de|un punado de|el bote de|la caja de|el frasco de|demasiadas|"
    r"demasiados|\d{2,}|veinte|treinta|cuarenta|cincuenta|cien|una mezcla de|un coctel de)"
)
_TAKEN = (
    r"(?:tome|me tome|tomar|tomarme|me tomo|me voy a tomar|trague|me trague|tragarme|"
    r"me he tomado|he tomado|me bebi|ingeri|me tomare)"
)

# Words of death or ending, and words of despair: together they make the sign that
# `es-muerte-cerca-de-desesperanza` looks for.
_ENDING = (
    r"(?:morir|morirme|muerte|muera|muriera|matarme|suicid\w*|desaparecer|desaparezca|"
    r"punto final|irme para siempre|no despertar|quitarme la vida|acabar con (?:todo|mi vida)|"
    r"dejar de existir|unica salida)"
)
_DESPAIR = (
    r"(?:sufrir|sufrimiento|dolor|angustia\w*|vaci[oa]|exhaust[oa]|agotad[oa]|fracas\w*|"
    r"culpa|no sirvo|nadie me (?:necesita|quiere)|a nadie le importo|sin salida|"
    r"no hay (?:esperanza|salida|solucion|remedio)|ya no (?:puedo|tiene caso|quiero)|"
    r"toque fondo|desesperad[oa]|desesperanza|perdon\w*|los amo|los ame|me pesa|"
    r"miedo|tristeza|sol[oa]|depresion|deprimid[oa])"
)

IDIOMS: tuple[Idiom, ...] = (
    # "Tirarse a la piscina" is taking the plunge, not jumping.
    Idiom(
        name="es-tirarse-a-la-piscina",
        pattern=(
            r"\b(?:tirarme|tirarse|lanzarme|lanzarse|me voy a tirar|me tiro|me lanzo) a la "
            r"piscina\b"
        ),
        examples=("quiero tirarme a la piscina y empezar el tratamiento ya",),
        language="es",
    ),
    # A haircut, or a kitchen or shaving accident.
    Idiom(
        name="es-cortarse-el-pelo",
        pattern=(
            r"\b(?:me corto|me corte|cortarme|me cortaba|me he cortado|me voy a cortar) (?:el "
            r"pelo|el cabello|las unas|el flequillo|la barba|las puntas)\b"
        ),
        examples=("me corté el pelo ayer, ¿importa para la infusión?",),
        language="es",
    ),
    Idiom(
        name="es-corte-accidental",
        pattern=(
            r"\b(?:me corte|me he cortado|me queme|me he quemado)(?: \w+){0,3} (?:cocinando|"
            r"afeitandome|pelando|picando|con un papel|con el horno|haciendo la cena)\b"
        ),
        examples=("me corté cocinando, ¿puedo venir igual a la infusión?",),
        language="es",
    ),
    # Symptoms that go away by themselves: "desaparecer" is not a wish to vanish there.
    Idiom(
        name="es-desaparecer-por-si-solo",
        pattern=(
            r"\b(?:desaparecer|desaparece|desaparecen|desaparezca|desaparezcan) por si "
            r"(?:sol[oa]s?|mism[oa]s?)\b"
        ),
        examples=("¿Puede la ansiedad desaparecer por sí sola sin tratamiento?",),
        language="es",
    ),
    # Impatience and aches are not despair: "no aguanto más la espera".
    Idiom(
        name="es-no-aguanto-la-espera",
        pattern=(
            r"\bno (?:aguanto|soporto|puedo) (?:mas )?(?:la espera|el calor|el frio|a esperar|"
            r"de la emocion|el dolor de (?:cabeza|muelas|espalda)|las nauseas)\b"
        ),
        examples=("ya no aguanto más la espera, ¿cuándo me llaman?",),
        language="es",
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        name="es-matarse",
        kind=RuleKind.INTENT,
        # "Matarme" after a wish or a thought, not "mi jefe va a matarme".
        pattern=(
            rf"\b(?:{_WANT}|voy a|iba a|pienso en|pensando en|pense en|ganas de|intentar|"
            r"intente|intento|decidi|si|para|de|volver a|a punto de) matarme\b"
            r"|\bme (?:voy a|quiero|kiero|queria|pienso|iba a) matar\b"
            r"|\b(?:se va a|se quiere|se iba a|quiere|va a|intento|amenaza con) matarse\b"
            r"|\bse va a matar\b|\bse quiere matar\b"
        ),
        examples=(
            "quiero matarme",
            "Estaba discutiendo conmigo mismo si matarme o no",
            "mi amigo dice que se va a matar",
        ),
        lookalikes=(
            "me mata la espera",
            "mi jefe va a matarme si llego tarde otra vez",
            "Voy a matar la tusa con una buena siesta",
        ),
        language="es",
    ),
    Rule(
        name="es-quitarse-la-vida",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:quitarme|quitarse|quitarte|me quito|me quite|me quitare|se quito|se quite|"
            r"acabar con|terminar con|poner fin a|ponerle fin a) (?:la|mi|su) (?:propia )?vida\b"
        ),
        examples=(
            "no hay día en que no piense en quitarme la vida",
            "planificando la mejor forma de terminar con mi vida",
        ),
        lookalikes=("la ketamina le cambió la vida a mi hermana",),
        language="es",
    ),
    Rule(
        name="es-quiero-morir",
        kind=RuleKind.INTENT,
        pattern=(
            rf"\b(?:{_WANT}|me {_WANT}|ganas de|me voy a) (?:me )?(?:morir|morirme)\b"
            r"|\bme quiero morir\b"
        ),
        examples=(
            "Quiero morir",
            "Hoy me quiero morir",
            "Marqué porque quería morirme",
        ),
        lookalikes=(
            "me muero de ganas de probarlo",
            "me muero de risa",
            "Seguro que te mueres de ganas por empezar",
        ),
        language="es",
    ),
    Rule(
        name="es-quiero-desaparecer",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            rf"\b{_WANT} (?:desaparecer|dejar de existir|no existir|estar muert[oa]|"
            r"no estar aqui)\b|\bdesaparecer(?:me)? para siempre\b|\bdescansar para siempre\b"
        ),
        examples=("Quiero desaparecer", "desaparecer para siempre"),
        lookalikes=("quiero que desaparezcan los pensamientos intrusivos",),
        language="es",
    ),
    Rule(
        name="es-no-quiero-vivir",
        kind=RuleKind.PASSIVE_WISH,
        # Not waking up only as the end of the thought: "no quiero despertar con náuseas"
        # is a question about the infusion.
        pattern=(
            r"\bno (?:quiero|kiero|quiera|queria|quise|deseo|tengo ganas de) (?:seguir )?"
            r"(?:vivir|viviendo|existir|existiendo|estar vivo|estar viva)\b"
            r"|\bno (?:quiero|kiero|queria) (?:volver a )?despertar(?:me)?(?:$| (?:mas|nunca|"
            r"manana|jamas)\b)"
        ),
        examples=(
            "no quiero vivir",
            "No quería vivir.",
            "A veces pienso que no quiero seguir existiendo",
        ),
        lookalikes=("no quiero despertar con náuseas después de la infusión",),
        language="es",
    ),
    Rule(
        name="es-dormir-y-no-despertar",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:dormir|dormirme|irme a dormir|acostarme)\b.{0,30}\by no (?:despertar|"
            r"despertarme|volver a despertar)\b"
        ),
        examples=(
            "quisiera dormir y no despertar",
            "irme a dormir, y no despertar mañana",
        ),
        lookalikes=("¿puedo dormir después de la infusión?",),
        language="es",
    ),
    Rule(
        name="es-ojala-no-existiera",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:ojala|desearia|quisiera|preferiria)(?: que)?(?: yo)? (?:no existiera|no "
            r"haber nacido|nunca haber nacido|no hubiera nacido|estuviera muert[oa]|estar "
            r"muert[oa])\b"
            r"|\b(?:lo )?mejor (?:es|seria) (?:estar|que este|que estuviera) muert[oa]\b"
            r"|\bestaria mejor muert[oa]\b"
        ),
        examples=(
            "ojalá no existiera",
            "desearía no haber nacido",
            "Para vivir así lo mejor es estar muerto",
        ),
        lookalikes=("ojalá funcione la ketamina",),
        language="es",
    ),
    Rule(
        name="es-cansado-de-vivir",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:cansad[oa]|harto|harta|agotad[oa]) de (?:vivir|la vida|existir|estar viv[oa]|"
            r"seguir viv[oa])\b"
        ),
        examples=("estoy cansado de vivir", "harta de la vida"),
        lookalikes=("estoy muerto de cansancio", "estoy cansada de esperar la cita"),
        language="es",
    ),
    Rule(
        name="es-mejor-sin-mi",
        kind=RuleKind.BURDEN,
        # Not "estoy mejor sin mi medicación".
        pattern=(
            r"\bmejor sin mi(?:$| (?:y|pero|porque|que|ya|todos|de verdad|lo se)\b)"
            r"|\bsin mi (?:estarian|estareis|estaran|estaria|todos|todo|seria|serian|les ira|"
            r"les iria)\b.{0,15}\bmejor\b"
        ),
        examples=(
            "Todo el mundo estaría mejor sin mí",
            "Sin mí estaréis mejor todos",
            "Ustedes estarían mejor sin mí",
        ),
        lookalikes=("estoy mejor sin mi medicación anterior, ¿es normal?",),
        language="es",
    ),
    Rule(
        name="es-seria-mejor-si-no-estuviera",
        kind=RuleKind.BURDEN,
        pattern=(
            r"\bseria (?:mejor|mas facil) (?:para (?:todos|todo el mundo|mi familia|ellos) )?si "
            r"(?:yo )?(?:no estuviera|no existiera|me muriera|muriera|desapareciera|ya no "
            r"estuviera|me fuera para siempre)(?:$| (?:aqui|viv[oa]|en este mundo|y|nadie|todos)\b)"
        ),
        examples=("sería mejor si no estuviera", "seria mejor para todos si yo no existiera"),
        lookalikes=("sería mejor si no estuviera tan lejos la clínica",),
        language="es",
    ),
    Rule(
        name="es-nadie-me-extranaria",
        kind=RuleKind.BURDEN,
        pattern=(
            r"\bnadie (?:me )?(?:extranaria|estranaria|echaria de menos|notaria|lloraria|se "
            r"daria cuenta)\b|\bnadie me (?:va a|iba a|vaya a) (?:extranar|estranar|echar de "
            r"menos)\b"
        ),
        examples=("nadie me extrañaría", "nadie me echaría de menos si me fuera"),
        lookalikes=("¿nadie me va a llamar para confirmar la cita?",),
        language="es",
    ),
    Rule(
        name="es-soy-una-carga",
        kind=RuleKind.BURDEN,
        pattern=(
            r"\b(?:soy|me siento|siento que soy|me siento como) (?:una|un) (?:carga|estorbo|"
            r"peso muerto)\b"
        ),
        examples=(
            "Me siento una carga para los demás",
            "Siento que soy un estorbo para los demás",
        ),
        lookalikes=("¿la infusión es una carga para el corazón?",),
        language="es",
    ),
    Rule(
        name="es-me-corto",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:me corto|me corte|me cortaba|me he cortado|me estoy cortando|me volvi a "
            r"cortar|volvi a cortarme|cortarme|cortandome|me hice un corte|me hago cortes|me "
            r"hice cortes|me hice otro corte)\b"
        ),
        examples=(
            "me corto",
            "Cuando empecé el instituto me corté por primera vez.",
            "me hice un corte muy profundo",
        ),
        lookalikes=("¿me cortan la vía después de la infusión?",),
        language="es",
    ),
    Rule(
        name="es-hacerme-dano",
        kind=RuleKind.SELF_HARM,
        # A wish or a habit, not an injury: "me hice daño en la rodilla jugando".
        pattern=(
            r"\b(?:quiero|kiero|quisiera|ganas de|pienso en|necesito|volver a|vuelvo a|intento|"
            r"intente|para|de|sigo) (?:hacerme dano|lastimarme|herirme|castigarme|quemarme)\b"
            r"|\bme (?:hago|hice|he hecho|sigo haciendo) dano (?:a proposito|a mi mism[oa]|otra "
            r"vez|de nuevo|adrede)\b"
        ),
        examples=("quiero hacerme daño", "tengo ganas de lastimarme otra vez"),
        lookalikes=(
            "me hice daño en la rodilla jugando al fútbol",
            "¿la infusión puede hacerme daño?",
        ),
        language="es",
    ),
    Rule(
        name="es-autolesion",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bauto ?lesi\w*|\bautodestru\w*",
        examples=(
            "me autolesiono cuando los pensamientos no paran",
            "Ni siquiera noto que me estoy autodestruyendo",
        ),
        language="es",
    ),
    Rule(
        name="es-cuchilla-en-la-piel",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:cuchilla|bisturi|navaja|cutter|hoja de afeitar)\b.{0,40}\b(?:brazos?|munecas?|"
            r"piernas?|piel|muslos?)\b|\b(?:brazos?|munecas?|piernas?|piel|muslos?)\b.{0,40}"
            r"\b(?:cuchilla|bisturi|navaja|cutter|hoja de afeitar)\b"
        ),
        examples=("Hoy fue otro día de mirarme los brazos y acariciarlos con un bisturí.",),
        lookalikes=("¿me ponen la vía en el brazo con una aguja?",),
        language="es",
    ),
    Rule(
        name="es-sobredosis",
        kind=RuleKind.OVERDOSE,
        # Questions about overdose risk are flagged on purpose, as in English.
        # And the verb: "sobredosificarme", "me sobredosifiqué".
        pattern=r"\bsobredosi(?:s|fic\w*|fiqu\w*)\b",
        examples=(
            "creo que tomé una sobredosis",
            "sobredosis",
            "Una vez intenté sobredosificarme, al estudiar medicina sé cuánto necesito para "
            "morir y cuánto para dormir solamente",
        ),
        language="es",
    ),
    Rule(
        name="es-muchas-pastillas",
        kind=RuleKind.OVERDOSE,
        pattern=rf"\b{_TAKEN}\b.{{0,20}}\b{_LOTS}\b.{{0,15}}\b{_PILLS}\b",
        examples=("tomé muchas pastillas", "me tomé todas las pastillas de mi madre"),
        lookalikes=("¿tengo que tomar mis pastillas antes de la infusión?",),
        language="es",
    ),
    Rule(
        name="es-intento-previo",
        kind=RuleKind.INTENT,
        pattern=(
            r"\blo (?:intente|he intentado) (?:\w+ )?veces\b.{0,80}\b(?:pastillas|cortandome|"
            r"ahorcarme|tirarme|matarme)\b|\b(?:lo hice|lo intente) tomando pastillas\b"
            r"|\b(?:e|y) intente (?:otra vez|de nuevo)$"
        ),
        examples=(
            "Lo intenté tres veces, aunque de la primera no recuerdo nada sí que puedo decir "
            "que lo hice tomando pastillas",
            "Recaí. Me fui al baño e intenté otra vez.",
        ),
        lookalikes=("lo intenté varias veces con la terapia ERP y no funcionó",),
        language="es",
    ),
    Rule(
        name="es-despedida",
        kind=RuleKind.FAREWELL,
        # Not "me despido atentamente", the close of a polite email.
        pattern=(
            r"\bdespedirme de (?:todos|todo el mundo|mi familia|mis hijos|mis padres|ustedes|"
            r"vosotros|la vida|este mundo|ti)\b"
            r"|\b(?:carta|cartas|nota|notas|mensaje|mensajes) de despedida\b"
            r"|\b(?:dejar|deje|escribir|escribi|escribiendo) (?:escritas |escrita )?(?:mis |unas |"
            r"las )?despedidas\b|\badios para siempre\b"
        ),
        examples=(
            "solo quería despedirme de todos",
            "He tratado muchas veces de dejar escritas mis despedidas",
        ),
        lookalikes=("Sin más, me despido atentamente. ¿Tienen cita el lunes?",),
        language="es",
    ),
    Rule(
        name="es-pronto-estare-en-paz",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\bpronto (?:estare en paz|descansare|dejare de sufrir|todo terminara|ya no "
            r"estare)\b|\bya no (?:estare|voy a estar) (?:aqui|mas)\b"
        ),
        examples=("pronto estaré en paz",),
        lookalikes=("pronto estaré en la clínica, llego en diez minutos",),
        language="es",
    ),
    Rule(
        name="es-no-vale-la-pena-vivir",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\bno (?:vale|merece) la pena (?:vivir|seguir viviendo|la vida)\b"
            r"|\b(?:la vida|vivir|mi vida) (?:ya )?no (?:vale|merece) la pena\b"
        ),
        examples=(
            "no vale la pena vivir",
            "La vida no merece la pena",
            "así no merece la pena vivir",
        ),
        lookalikes=("¿vale la pena probar la ketamina?", "no vale la pena seguir con el ISRS"),
        language="es",
    ),
    Rule(
        name="es-sin-sentido",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\bno le (?:veo|encuentro) (?:ningun )?sentido a (?:nada|la vida|vivir|seguir|"
            r"seguir viviendo|mi (?:vida|existencia))\b|\b(?:ya nada|nada ya) (?:tiene sentido|"
            r"importa|tiene importancia)\b|\bnada tiene ya (?:sentido|importancia)\b"
            # "mi existencia no tiene sentido" (real_crisis_11_dev, twice)
            r"|\bmi (?:vida|existencia) (?:ya )?no tiene (?:ningun |ningún )?sentido\b"
        ),
        examples=(
            "ya no le veo sentido a nada",
            "Nada tiene ya importancia",
            "Y es que les he confesado que no le encuentro sentido a mi existencia.",
            "Francisco murió y con él se fue mi vida entera. Doctora, mi existencia no tiene "
            "sentido.",
        ),
        lookalikes=("no le veo sentido a repetir el análisis de sangre",),
        language="es",
    ),
    Rule(
        name="es-acabar-con-todo",
        kind=RuleKind.INTENT,
        # "Con todo" as the end of the thought, not "acabar con todo el papeleo".
        pattern=(
            r"\b(?:acabar|terminar|termino|acabo|acabare|terminare|acabaria|terminaria) con "
            r"todo(?: esto)?(?: ya| de una vez| esta noche| hoy| pronto| para siempre)?"
            r"(?:$| (?:no|y|porque|pero|me|estoy|ya)\b)|\bponer(?:le)? fin a todo\b"
        ),
        examples=("quiero acabar con todo", "voy a acabar con todo esta noche"),
        lookalikes=("quiero acabar con todo el papeleo antes de la primera cita",),
        language="es",
    ),
    Rule(
        name="es-quitarme-de-en-medio",
        kind=RuleKind.INTENT,
        pattern=r"\bquitar(?:me|se) de en medio\b|\bme (?:voy a )?quit(?:o|are|aria) de en medio\b",
        examples=("lo mejor es quitarme de en medio",),
        lookalikes=("¿puedo quitarme la vía yo solo en casa?",),
        language="es",
    ),
    Rule(
        name="es-me-voy-a-tirar",
        kind=RuleKind.INTENT,
        pattern=(
            # Every first-person form: "si aún no me he arrojado por una ventana".
            r"\b(?:tirarme|lanzarme|arrojarme|aventarme|botarme|me voy a tirar|me tiro|me tire|"
            r"me arroje|me lance|me aviente|me he (?:tirado|arrojado|lanzado|aventado)) "
            r"(?:de|del|desde|por|al|a las|a la|a los|bajo|delante de|delante del) "
            r"(?:un |una |el |la |los |las |mi |este |esta )?(?:\w+ )?(?:puente|edificio|balcon|"
            r"ventana|azotea|tejado|techo|acantilado|tren|metro|vias|via|rio|mar|precipicio|"
            r"camion|coche|auto|carro|piso|terraza)\b"
            r"|\b(?:quiero|kiero|ganas de|pienso en|pensando en) (?:tirarme|lanzarme|arrojarme)\b"
            r"|\bme voy a tirar$"
        ),
        examples=(
            "me voy a tirar del puente",
            "tengo ganas de tirarme por la ventana",
            "Si aún no me he arrojado por una ventana, creo que es por mis padres.",
        ),
        lookalikes=("me voy a tirar en el sofá después de la infusión",),
        language="es",
    ),
    Rule(
        name="es-ahorcarme",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:ahorcarme|ahorcarse|me voy a ahorcar|me ahorco|me ahorcare|colgarme de (?:una|"
            r"la|un|el) (?:cuerda|soga|viga|arbol))\b"
        ),
        examples=("he pensado en ahorcarme",),
        lookalikes=("me colgaron el teléfono en recepción",),
        language="es",
    ),
    Rule(
        name="es-muerte-es-la-salida",
        kind=RuleKind.ENTRAPMENT,
        pattern=(
            r"\bla muerte es (?:la |mi )?(?:solucion|salida|unica salida|respuesta|unica opcion)"
            r"\b|\bno hay (?:manera|forma|otra forma|otra manera) de salir\b"
            r"|\bno (?:hay|veo) (?:ninguna )?salida(?:$| (?:para mi|a esto|a nada|ya)\b)"
        ),
        examples=("La muerte es la solución. La muerte es la salida.", "No hay manera de salir"),
        lookalikes=("¿no hay salida de emergencia en la sala de infusión?",),
        language="es",
    ),
    Rule(
        name="es-no-puedo-seguir-viviendo",
        kind=RuleKind.ENTRAPMENT,
        pattern=r"\bno (?:puedo|podre|aguanto) (?:seguir )?viviendo (?:asi|de esta manera)\b",
        examples=("no puedo seguir viviendo así",),
        language="es",
    ),
    # Wishes said with a word between the verbs: "deseo tanto morirme", "quiero ya
    # morirme". Only adverbs of degree and time may stand between, so "quiero saber si
    # puedo morir" (a question about safety) stays a question.
    Rule(
        name="es-deseo-tanto-morir",
        kind=RuleKind.INTENT,
        pattern=(
            rf"\b(?:{_WANT}|ganas de|decidi|he decidido|pense en|pienso en)"
            r"(?: (?:tanto|mucho|ya|solo|solamente|simplemente|realmente|de verdad|a veces|"
            r"muchas veces|cada vez mas|tantas veces|otra vez|de nuevo)){1,2} "
            r"(?:morir|morirme|matarme|suicidarme|desaparecer|dejar de vivir|dejar de existir|"
            r"estar muert[oa])\b"
            r"|\bdecidi (?:morir|morirme|matarme|suicidarme|quitarme la vida)\b"
        ),
        examples=(
            "Pero deseo tanto morirme, mi vida es un infierno",
            "Debido a esa sensación de vacío y soledad; decidí morir no podía con la vida.",
            "a veces quiero ya morirme",
        ),
        lookalikes=("quiero saber si puedo morir por mezclar ketamina y alcohol",),
        language="es",
    ),
    Rule(
        name="es-no-me-importaria-morir",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\bno me importaria (?:morir|morirme|estar muert[oa]|no despertar|desaparecer|"
            r"dejar de vivir)\b"
            r"|\bme da (?:igual|lo mismo) (?:vivir o morir|morir|morirme|si me muero|estar "
            r"muert[oa])\b"
        ),
        examples=("No me importaría morirme mañana", "me da igual si me muero"),
        lookalikes=("no me importaría esperar un poco más para la cita",),
        language="es",
    ),
    Rule(
        name="es-para-que-vivir",
        kind=RuleKind.HOPELESSNESS,
        # At the end of the message or before a reason: "lo hago para que vivir con TOC
        # sea más fácil" goes on with what the living is for.
        pattern=(
            r"\bpara que (?:seguir |sigo )?(?:vivir|viviendo|vivo|existir|existo|seguir aqui)"
            r"(?:$| si\b| (?:asi|ya|mas|de esta manera)\b)"
        ),
        examples=(
            "¿para qué seguir viviendo?",
            "Me sentía sola, ignorada. Pensé: ¿para qué vivir si no tengo con quién?",
        ),
        lookalikes=("lo hago para que vivir con TOC sea más fácil",),
        language="es",
    ),
    Rule(
        name="es-mejor-no-estar",
        kind=RuleKind.BURDEN,
        pattern=(
            r"\b(?:seria|es|estaria) mejor (?:que )?(?:yo )?(?:no (?:este|estar|existir|"
            r"existiera|estuviera)|ya no (?:este|estar|estuviera))(?: aqui| mas)?"
            r"(?:$| (?:para|porque|asi|nadie|todos|ya)\b)"
        ),
        examples=("sería mejor no estar aquí", "es mejor que no esté"),
        lookalikes=("¿es mejor que no esté en ayunas antes de la infusión?",),
        language="es",
    ),
    Rule(
        name="es-nunca-hubiera-nacido",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:ojala|quisiera|desearia|preferiria)(?: que)?(?: yo)? (?:nunca|no) "
            r"(?:hubiera|hubiese|haber) nacido\b"
        ),
        examples=("Ojalá nunca hubiera nacido",),
        lookalikes=("ojalá hubiera nacido en otra época",),
        language="es",
    ),
    Rule(
        name="es-nunca-despertar",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            rf"\b(?:esperando|espero|ojala|{_WANT})(?: \w+){{0,2}} (?:nunca|no|ya no|jamas) "
            r"(?:mas )?(?:volver a )?despertar(?:me)?"
            # Not "espero no despertar durante la infusión": the wish ends the sentence.
            r"(?:$| (?:nunca|mas|jamas|manana|otra vez|y|para)\b)"
        ),
        examples=(
            "Al terminar puse la carta en un lugar visible y me fuí a acostar, esperando ya "
            "nunca despertar.",
            "ojalá no despertar mañana",
        ),
        lookalikes=("espero no despertar durante la infusión, ¿es posible?",),
        language="es",
    ),
    Rule(
        name="es-tome-pastillas-para-morir",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b{_TAKEN}\b.{{0,40}}\b{_PILLS}\b.{{0,40}}\b(?:para|con (?:el )?(?:deseo|"
            r"intencion|idea|fin) de|queriendo|esperando) (?:morir|morirme|acabar|matarme|no "
            r"despertar|dormir para siempre|quitarme la vida|terminar con todo)\b"
        ),
        examples=(
            "Cierto día estando sola en la casa, ingerí algunos medicamentos con el deseo de "
            "acabar de una vez",
        ),
        lookalikes=("tomé mis medicamentos para dormir antes de la cita",),
        language="es",
    ),
    Rule(
        name="es-carta-de-despedida-a-la-familia",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\b(?:carta|nota)\b.{0,60}\b(?:por que me iba|por que me voy|me iba para siempre|"
            r"cuanto los queria|cuanto los quiero|que los queria|perdonen|perdonadme|no me "
            r"extranen)\b"
        ),
        examples=(
            "Así que elaboré una carta, en la que explicaba por que me iba y les decía a mi "
            "familia y amigos cuanto los quería",
        ),
        lookalikes=("¿me pueden mandar una carta para el seguro?",),
        language="es",
    ),
    Rule(
        name="es-dano-como-escape",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:hacerme dano|me hacia dano|me hago dano|me hice dano|lastimarme|cortarme|"
            r"herirme|golpearme|quemarme)\b.{0,50}"
            r"\b(?:escape|desahogo|alivio|descargar|castigo|castigarme|sentir algo|calmarme)\b"
            r"|\b(?:merezco|merecia|me merezco|me merecia|sentia que merecia) (?:ese |este |el )?"
            r"(?:dolor|castigo)\b"
        ),
        examples=(
            "hacerme daño se convirtió para mí en una vía de escape, en la forma que aprendí "
            "para descargar el malestar",
            "Me odiaba tanto, que sentía que merecía ese dolor",
        ),
        lookalikes=("¿la ketamina puede hacerme daño?",),
        language="es",
    ),
    # Distress without a clear sign of danger: a check-in (tier "concern").
    Rule(
        name="es-ya-no-aguanto",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\bya no (?:aguanto|puedo mas|soporto|lo soporto|lo aguanto|doy mas)\b"
            # "No soporto más de dos horas sentado" says how long, not how bad.
            r"|\bno (?:lo )?(?:aguanto|soporto|puedo) mas(?:$| (?:y|no|ya|estoy|me|con|asi|esto)\b)"
            r"|\bno puedo seguir (?:con esto|asi)\b"
        ),
        examples=(
            "ya no aguanto más",
            "Ya no puedo más",
            "Mari, no puedo seguir con esto",
            "No lo soporto más",
        ),
        lookalikes=(
            "ya no aguanto más la espera, ¿cuándo me llaman?",
            "me mata la espera",
            "no soporto más de dos horas sentado, ¿dura mucho la infusión?",
        ),
        language="es",
    ),
    Rule(
        name="es-me-siento-vacio",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\bya no siento nada(?:$| (?:y|ni|por nadie|por nada|me|estoy|solo)\b)"
            r"|\bme siento (?:tan |muy |completamente )?(?:vaci[oa]|sin esperanza|muert[oa] por "
            r"dentro)\b|\bodio mi vida\b"
        ),
        examples=("ya no siento nada", "me siento tan vacía", "odio mi vida"),
        lookalikes=("ya no siento nada en el brazo después de la vía, ¿es normal?",),
        language="es",
    ),
    Rule(
        name="es-cansado-de-luchar",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:cansad[oa]|harto|harta|agotad[oa]) de (?:luchar|seguir luchando|intentarlo|"
            r"sufrir|todo)\b|\bse canso de intentarlo\b|\bme canse de (?:luchar|intentarlo)\b"
            r"|\bnada (?:va a|vaya a|podra|puede|volvera a) (?:mejorar|cambiar|ir bien)\b"
            r"|\bnada importa(?: ya)?(?:$| (?:ya|y|nada)\b)"
        ),
        examples=(
            "Estoy cansado de luchar",
            "Supongo que nadie tiene nada qué decir cuando alguien simplemente ya se cansó de "
            "intentarlo.",
            "nada va a mejorar",
            "Nada importa ya",
        ),
        lookalikes=("no soporto más de dos horas sentado, ¿dura mucho la infusión?",),
        language="es",
    ),
    # Real Spanish testimonies rarely say it in one set phrase ("la única salida que
    # vemos es la muerte", "a veces pienso que lo mejor sería morirme"): a word of
    # death or ending near a word of despair, in either order, is the sign. Distress
    # tier; written in Spanish it gets the crisis resources in Spanish (see
    # Matcher._lexical), since the check-in only asks in English.
    Rule(
        name="es-muerte-cerca-de-desesperanza",
        kind=RuleKind.DISTRESS,
        pattern=(rf"\b{_ENDING}\b.{{0,100}}\b{_DESPAIR}\b|\b{_DESPAIR}\b.{{0,100}}\b{_ENDING}\b"),
        examples=(
            "la depresión se vuelve tan grande, que la única salida que vemos es la muerte",
            "tengo miedo a perder lo poco que tengo, a veces pienso que lo mejor sería morirme",
        ),
        lookalikes=(
            "¿la ketamina quita el dolor de la fibromialgia?",
            "mi abuelo murió el año pasado y lo extraño",
        ),
        language="es",
    ),
    Rule(
        name="es-no-tiene-caso-seguir",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:ya )?no tiene (?:caso|sentido) (?:que )?(?:siga|seguir|vivir|viviendo|"
            r"continuar)(?: viviendo| aqui)?\b"
            r"|\b(?:seria|es) mejor (?:desaparecer|morir|morirme|no existir|estar muert[oa])\b"
            r"|\b(?:me apetece|tengo ganas de|solo quiero|solo deseo) (?:desaparecer|morir|"
            r"morirme|no despertar|dejar de existir)\b"
        ),
        examples=(
            "ya no tiene caso que siga viviendo",
            "piensas que a nadie le importas y que sería mejor desaparecer",
            "solo me apetece desaparecer",
        ),
        lookalikes=("¿tiene sentido seguir con la ketamina si no noto nada?",),
        language="es",
    ),
    Rule(
        name="es-punto-final",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:ponerle|poner|pondre|puse|le pongo) (?:un )?punto final a (?:todo|mi vida)\b"
        ),
        examples=("En última instancia, hoy he decidido ponerle punto final a todo.",),
        lookalikes=("quiero ponerle punto final a mi tratamiento con ISRS",),
        language="es",
    ),
    Rule(
        name="es-formas-de-morir",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\b(?:pienso|pensaba|pense|busco|buscaba|busque|investigando|investigaba|"
            r"investigue|leyendo)(?: en| sobre)?(?: \w+)? (?:formas?|maneras?|metodos?) de "
            r"(?:morir|matarme|suicidarme|quitarme la vida)\b"
        ),
        examples=("A veces, todavía pienso en cualquier forma de morir.",),
        lookalikes=("el libro describe formas de morir en la Edad Media, es para clase",),
        language="es",
    ),
    Rule(
        name="es-sepan-que-los-ame",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\b(?:quiero que )?sepan que (?:los|las|os) (?:ame|amo|quise|quiero|queria)\b"
            r"|\b(?:perdonen|perdonenme|perdoname|perdonadme) por (?:el dolor|lo que (?:voy a "
            r"hacer|estoy haciendo|hice))\b"
        ),
        examples=(
            "Quiero que sepan que si algún día la depresión gana la batalla y yo muero, sepan "
            "que los ame con todo mi corazón",
            "Hijos, perdónenme por lo que estoy haciendo",
        ),
        lookalikes=("perdonen por la demora en contestar",),
        language="es",
    ),
    Rule(
        name="es-no-veo-otra-salida",
        kind=RuleKind.ENTRAPMENT,
        pattern=(
            r"\bno (?:veo|hay|encuentro) otr[oa] (?:remedio|salida|opcion|solucion|camino)"
            r"(?:$| (?:que|para mi|no hay|ya)\b)"
        ),
        examples=(
            "simplemente no veo otro remedio, no hay solución en un mundo donde todo es mi culpa",
        ),
        lookalikes=("si la ketamina no funciona, ¿hay otra opción de tratamiento?",),
        language="es",
    ),
    Rule(
        name="es-nadie-me-necesita",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\bnadie me (?:necesita|quiere)\b|\bno sirvo para nada\b|\bsoy un fracaso\b"
            r"|\bya no (?:hay|tengo) esperanzas?\b|\bcargar conmigo\b|\bcallejon sin salida\b"
        ),
        examples=(
            "Siento que no sirvo para nada, siento que nadie me necesita",
            "siento que ya no hay esperanzas para un solitario joven gay como yo",
            "Estoy en medio de un callejón sin salida.",
        ),
        lookalikes=("¿ya no hay citas esta semana?",),
        language="es",
    ),
)

# The crisis vocabulary, word by word. Spanish testimony rarely repeats a set phrase:
# the phrase rules reached 28 of 37 crises on the development part they were written
# from (real_crisis_2_dev.yaml) and 8 of 21 on its sealed part. A word of death, of harm
# to oneself or of despair generalises further; each needs only a first-person frame
# where the bare word is also a patient's question ("¿puedo morir si mezclo...?", "¿la
# infusión puede hacerme daño?", "¿hay riesgo de sobredosis?"). Distress tier: written
# in Spanish it gets the crisis resources in Spanish, where it would otherwise have got
# the same numbers in the other-language reply, so a false alarm (advice about feeling
# like a burden) costs the reader little. Everyday words of the clinic ("análisis de
# sangre", "en ayunas con el estómago vacío", "mis pastillas") are left out.
_DEATH_WORDS = (
    r"(?:pienso|pense|pensaba|pensando|deseo|desee|deseaba|ganas|sentimiento|"
    r"ideas?|mejor|prefiero|unica|solo)\b.{0,60}\b(?:morir|morirme|muerte|muera|muriera)|"
    r"suicid\w*|quitarme la vida|(?:intente|intentaba|consegui|logre|pense en|ganas de|"
    r"forma de|manera de) matarme|(?:acabar|terminar) con (?:mi vida|todo(?:$| (?:ya|de una "
    r"vez|y|esto)\b))|que todo se acabe|dejar de vivir|no quiero seguir (?:viviendo|aqui|"
    r"asi)|(?:sin|no tengo|perdi|perdido|ningunas|pocas) ganas de vivir|(?:quiero|quisiera) "
    r"desaparecer|desaparecer (?:para siempre|del mundo|de (?:la vida|este mundo))|"
    r"desaparecere|no (?:me )?(?:vuelva|vuelvo|volver) a despertar|haber nacido|debi nacer"
)
_HARM_WORDS = (
    r"cortarme|me corto|me corte|me cortaba|me he cortado|cortadas|cuchillas?|navaja|"
    r"cuchillo|cicatri\w*|autolesi\w*|lastimarme|(?:quiero|queria|ganas de|voy a|necesito) "
    r"hacerme dano|me hago dano|me hacia dano|me he hecho dano|quemarme|(?:tome|me tome|tuve|"
    r"he tenido|sufri|me hice|intente|intento de|casi) (?:una )?sobredosis|me intoxique|"
    r"intoxicarme|lavado de estomago|(?:de|hacer|hago|hacia|hice) cutting|"
    # Wrists cut open, and cuts on one's arms or legs: "mis muñecas partidas".
    r"munecas (?:cortadas|partidas|abiertas|rajadas)|cortes en (?:los |las |mis )?(?:brazos|"
    r"munecas|piernas|muslos)"
)
_DESPAIR_WORDS = (
    r"estorbo|(?:ser|soy|sea|siendo|sentirme|me siento) una carga|(?:estarian|estaran|"
    r"estarias|estaria|vivirian|seria) mejor sin mi|no me merecen|no merezco|no vale la pena "
    r"(?:vivir|seguir viviendo|luchar)|no vale la pena(?: seguir)?$|vida (?:no tiene|sin) "
    r"sentido|sin salida|no puedo mas|me siento vaci[oa]|(?:soy|me siento|sentirme|siento que "
    r"soy) (?:un[ao]? )?(?:inutil|fracaso)|inservible|no sirvo|odio mi vida|me odio|infierno|"
    r"no soy buen[oa] (?:en|para) nada|no (?:se )?merecen\b.{0,40}\bcomo yo|(?:tengo|sufro) "
    r"(?:mucha |una )?depresion|estoy (?:muy |tan )?deprimid[oa]"
)
RULES += (
    Rule(
        name="es-palabras-de-muerte",
        kind=RuleKind.DISTRESS,
        pattern=rf"\b(?:{_DEATH_WORDS})\b",
        examples=(
            "El único sentimiento que albergaba dentro de mi, era el de morir",
            "esto me hizo dejar de tomarle sabor a la vida y pensé en la muerte como mejor "
            "alternativa.",
            "Cuantas veces habré pensado: «A ver si esta noche me acuesto y no me vuelvo a "
            "despertar».",
        ),
        lookalikes=(
            "¿Cuánto cuesta el tratamiento con ketamina?",
            "Esto está de muerte!",
            "me muero de ganas de empezar",
        ),
        language="es",
    ),
    Rule(
        name="es-palabras-de-autolesion",
        kind=RuleKind.DISTRESS,
        pattern=rf"\b(?:{_HARM_WORDS})\b",
        examples=(
            "comencé por rasguños y golpes, luego cortadas cada vez más profundas y después "
            "empecé a quemarme.",
            "Bueno, mi historia de cutting empieza a los 12 años",
            "El llanto, el temor y la desesperación detrás de cada corte justifican mis "
            "muñecas partidas",
            "tengo cortes en los brazos que nadie ha visto",
        ),
        lookalikes=(
            "me corté el pelo ayer, ¿importa para la infusión?",
            "¿necesito un análisis de sangre antes de la infusión?",
        ),
        language="es",
    ),
    Rule(
        name="es-palabras-de-desesperanza",
        kind=RuleKind.DISTRESS,
        pattern=rf"\b(?:{_DESPAIR_WORDS})\b",
        examples=(
            "tal sentimiento de culpabilidad, de no ver una salida, de ser una carga para los "
            "demás",
            "Sentía como esa sin salida de no saber qué hacer",
            "tengo mucha depresión, ¿Qué hago?",
            "no se merecen tener una hija como yo, ni estar toda la vida preocupados por mi causa.",
            "No encajo en ningún lado. No soy buena en nada.",
        ),
        lookalikes=(
            "¿tengo que venir en ayunas, con el estómago vacío?",
            "¿puedo tomar mis pastillas antes de la infusión?",
        ),
        language="es",
    ),
)

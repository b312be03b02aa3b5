"""The fixed theme taxonomy of projects and the keyword rules that recognise each theme.

Rules are folded word stems (matched at word starts on ``regia.text.normalize`` output, so accents,
case, plurals and feminine forms do not matter) with a weight. The labelling guide that these weights
follow is in ``docs/projects-themes.md``: the primary theme is the facility or public the project
serves (a school's heating is "education"), except for security equipment and energy production;
the purpose (energy, accessibility...) comes as a secondary theme.
"""

from __future__ import annotations

THEMES: dict[str, str] = {
    "mobilite": "Transports et mobilités",
    "education": "Lycées, écoles et éducation",
    "formation-emploi": "Formation, apprentissage et emploi",
    "economie": "Développement économique, commerce et innovation",
    "environnement": "Environnement, eau, énergie et climat",
    "agriculture": "Agriculture, forêt et alimentation",
    "culture-patrimoine": "Culture et patrimoine",
    "sport-jeunesse": "Sport, jeunesse et vie associative",
    "sante-social": "Santé, solidarités et action sociale",
    "amenagement": "Aménagement, urbanisme, voirie et logement",
    "numerique": "Numérique",
    "tourisme": "Tourisme",
    "securite": "Sécurité et prévention",
    "equipements-publics": "Bâtiments et équipements publics",
}

# A sentence per theme for the zero-shot fallback (texts that no rule recognises).
DESCRIPTIONS: dict[str, str] = {
    "mobilite": "transports en commun, bus, train, gare, pistes cyclables, vélo, covoiturage, mobilité",
    "education": "écoles, collèges, lycées, établissements scolaires, enseignement, élèves, université",
    "formation-emploi": "formation professionnelle, apprentissage, insertion professionnelle, emploi",
    "economie": "entreprises, commerce, artisanat, industrie, innovation, développement économique",
    "environnement": "environnement, nature, biodiversité, eau, énergie, climat, déchets",
    "agriculture": "agriculture, agriculteurs, élevage, forêt, pêche, alimentation, produits agricoles",
    "culture-patrimoine": "culture, musique, théâtre, cinéma, festival, arts, musée, patrimoine, église",
    "sport-jeunesse": "club sportif, sport, loisirs, jeunesse, animation, vie associative, bénévoles",
    "sante-social": "santé, soins, handicap, personnes âgées, familles, solidarité, action sociale",
    "amenagement": "aménagement urbain, urbanisme, voirie, centre-ville, logement, habitat",
    "numerique": "numérique, informatique, internet, très haut débit, fibre, outils numériques",
    "tourisme": "tourisme, office de tourisme, hébergement touristique, gîtes, promotion touristique",
    "securite": "sécurité, prévention, vidéoprotection, police, pompiers, secours, sécurité routière",
    "equipements-publics": "mairie, salle des fêtes, salle polyvalente, cimetière, bâtiments communaux",
}

# theme -> {weight: stems}: comma-separated folded stems matched at word starts; a stem ending with
# "$" must also end a word ("gare$" matches "gare" but not "garenne").
RULES: dict[str, dict[float, str]] = {
    "mobilite": {
        3: (
            "piste cyclable, pistes cyclables, cyclable, liaison douce, liaisons douces, covoitur, "
            "autopartage, transport solidaire, transports solidaires, transp solidair, pole d echanges, "
            "pole echanges, multimodal, ferroviaire, tramway, mobilite, mobilites, deplacements doux, "
            "gare routiere, transports en commun, place au velo, quais de bus, quai de bus, abri bus, "
            "abribus"
        ),
        2: (
            "transport, gare$, gares$, bus$, navette, velo$, velos$, vehicule electrique, "
            "vehicules electriques, pieton, desserte, aeroport, aerodrome"
        ),
        1: "deplacement, recharge, permis de conduire, auto ecole, routier",
    },
    "education": {
        5: "enseignement agricole, foyer socio educatif, foy socio educatif, enseignemen$",
        4: (
            "ogec, falloux, tableau numerique, tableaux numeriques, tni$, vpi$, vni$, videoprojecteur, "
            "video projecteur, groupe scolaire, restaurant scolaire, restauration scolaire, cantine, "
            "maison familiale rurale, maisons familiales rurales, maison famil, maisons famil, mfr$, "
            "business school, parents d eleves, apel$, ligue de l enseignement, dedoublement"
        ),
        3: (
            "college, colleges, lycee, lycees, lyce$, maternelle, maternelles, elementaire, "
            "elementaires, periscolaire, universit, etudiant, enseignement, ecole superieure, "
            "institut catholique, externat, scolaire, scolaires, scolair, eleves, classe$, classes$, "
            "salle de classe, salles de classe, campus, education nationale, cm1$, cm2$, ce1$, ce2$, "
            "cp$"
        ),
        2: (
            "ecole, ecoles, ecol$, primaire, institution, pedagog, etablissement d enseignement, "
            "academique, academiques, educ$, formation initiale, internat$, internats, garderie"
        ),
    },
    "formation-emploi": {
        4: "emploi, emplois",
        3: (
            "apprenti, alternance, insertion professionnelle, mission locale, geiq, retravailler, "
            "chantier d insertion, chantiers d insertion, 2eme chance, deuxieme chance, 2e chance, "
            "seconde chance, demandeurs d emploi, chomeur, chomage, cgt$, cfdt, unsa$, fsu$, cftc, "
            "cfe cgc, force ouvriere, qualification, formation professionnelle, "
            "orientation professionnelle, jeunes adultes tres eloignes, afpa, greta, "
            "socio professionnel, chantiers jeunes, chantier jeunes"
        ),
        2: (
            "formation, formations, format$, inser, trav$, employeurs, metiers, metier$, travail, "
            "syndicat unsa, syndical, competences"
        ),
        1: "professionnel, stage$",
    },
    "economie": {
        4: (
            "batiment industriel, batiments industriels, locaux industriels, developpement economique, "
            "creation d entreprise, createurs d entreprise, commerce de proximite, "
            "commerces de proximite, zone d activite, zone d activites, zae$, parc d activite, "
            "parc d activites, economie sociale et solidaire, urscop, scop$, chambre de commerce, "
            "chambre de metiers, circuits courts, circuit court, artisanat"
        ),
        3: (
            "entreprise, entreprises, industri, innovation, commerce, commerces, commercant, artisan, "
            "sas$, sasu$, sarl$, eurl$, sci$, startup, pepiniere d entreprises, economique, economiques, "
            "technopole, fromageries, expansion, que choisir, clcv"
        ),
        2: (
            "logistique, foire, salon$, export, consommateur, consommation, detail$, cooperative, "
            "develop$, devel$"
        ),
    },
    "environnement": {
        4: (
            "photovolta, panneaux solaires, methanis, eolien, biodivers, espaces naturels, "
            "espace naturel, zones humides, zone humide, milieu aquatique, milieux aquatiques, "
            "assainissement, dechet, dechets, dechetterie, decheterie, eclairage public, luminaires, "
            "lpo$, protection des oiseaux, cpie, conservatoire botanique, especes envahissantes, "
            "especes aquatiques, bassin versant, climat$, climatique, transition energetique, compost, "
            "pollution, renaturation, chasseurs"
        ),
        3: (
            "environnement, environnemental, environnementale, ecolog, energies renouvelables, "
            "energie renouvelable, nature$, naturel, naturels, naturelle, naturelles, faune, flore, "
            "bocage, bocager, bocagers, haies, haie$, oiseaux, developpement durable, recycl, "
            "eau potable, eaux pluviales, riviere, rivieres, mare$, jardins partages, jardin partage, "
            "nichoirs, chasse$, inondation, etang, sauvage, sauvages"
        ),
        2: "eaux$, eau$, jardin, jardins, arbre, arbres, plantation, bois energie",
        1.5: (
            "renovation energetique, renovation thermique, rehabilitation thermique, "
            "performances energetiques, performance energetique, economie d energie, "
            "economies d energie, consommation energetique"
        ),
        1: (
            "energie, energies, energetique, energetiques, isolation, thermique, solaire, chaudiere, "
            "chaudieres, pompe a chaleur, led$, pellets, vmc$, isolant, isolantes, double vitrage, "
            "menuiseries, chauffage"
        ),
    },
    "agriculture": {
        4: (
            "agricol, agricult, agriculteur, eleveur, eleveurs, elevage, bovin, bovine, ovin, caprin, "
            "porcin, cuma$, paysan, paysanne, forestier, forestiere, sylvic, apicult, apiculteurs, "
            "viticult, vignoble, horticol, horticulture, maraich, conchylicult, ostreicult, "
            "defense sanitaire, brucellose, paratuberculose, fdgdon, fdsea, jeunes agriculteurs, "
            "fermes bio, agriculture bio, gaec, earl$, veterinaire, alimentation durable, "
            "comite regional des peches, peches maritimes, race bovine, races bovines"
        ),
        3: (
            "agri$, floralies, abeille, abeilles, miel$, lait$, laitier, laitiere, foret$, forets$, "
            "sylvicult, viande, cereal, semence, semences, bineuse, inter bio, produits locaux, fermier, "
            "fermiers, peche professionnelle, pecheurs professionnels, frelon, nuisibles, rongeurs, "
            "mouton, moutons, irrigation, drainage, drainag"
        ),
        2: "aliment, alimentation, vigne, vignes, vin$, vins$, bio$, rural, rurale",
    },
    "culture-patrimoine": {
        4: (
            "musique, musiques, musiq, music$, tradition, traditions, musical, musicale, musicales, "
            "musicaux, musicien, theatre, theatres, danse, cinema, cine$, festival, spectacle, "
            "spectacles, patrimoine, patrim, musee, musees, ecomusee, bibliotheque, mediatheque, eglise, "
            "eglises, collegiale, cathedrale, abbaye, chapelle$, clocher, beffroi, lavoir, concert$, "
            "concerts, orchestre, chorale, choeur, vocal, vocale, fanfare, bagad, jazz, rock$, opera$, "
            "operas, lyrique, baroque, symphon, marionnet, cirque, arts visuels, arts plastiques, "
            "art contemporain, frac$, metiers d art, litter, ecrivain, ecrivains, livre$, livres$, "
            "lecture, poesie, conte$, contes$, prehistor, archeolog, megalith, histoire$, historique, "
            "historiques, memoire, resistance, artistique, artistiques, artiste, artistes, culture, "
            "culturel, culturelle, culturels, culturelles, cultur$, cult$, photographi, exposition, "
            "film$, films$, chanson, violon, violoncelle, piano, accordeon, scene nationale, scenes$, "
            "compagnie de danse, compagnie theatre, compagnie de theatre, micro folie, keltiek, celt, "
            "breton, bretonne, astronom, sciences, exposciences, radio, musik, cle de sol, peintres, "
            "peinture murale"
        ),
        3: (
            "art$, arts$, scene$, compagnie, compagnies, cie$, production, productions, prod$, monument, "
            "monuments, restauration de la, vitraux, orgue, carillon, chateau$, salles de repetition, "
            "salle de repetition, creation artistique, residence d artistes, residence d artiste, "
            "edition$"
        ),
    },
    "sport-jeunesse": {
        5: ("handisport, emploi sportif, halter, coupe de france, hippiq, plein air, ecurie, voltig, bikers"),
        4: (
            "sport, sports, sportif, sportive, sportifs, sportives, sportiv, football, foot$, futsal, "
            "basket, handball, hand$, volley, rugby, tennis, badminton, judo, jujitsu, ju jitsu, karate, "
            "boxe, boxing, escrime, gym, gymnastique, natation, nageurs, piscine, plongee, subaquat, "
            "voile$, nautique, aviron, rowing, canoe, kayak, athlet, triathlon, cyclisme, cycliste, "
            "cyclistes, cyclo, vtt$, bmx$, bicross, randonn, pedestre, escalade, ski$, golf$, golfeurs, "
            "hippodrome, maison des associations, maison departementale des associations, equestre, "
            "equitation, hippique, hippiques, poney, archers, tir a l arc, petanque, boulist, "
            "boulodrome, boule$, boules$, billard, bowling, roller, skate, hockey, patinage, twirling, "
            "echecs, echiquier, stade, stades, multisports, multisport, fitness, pumptrack, club house, "
            "usep, ufolep, ugsel, unss, fscf, olympique, centre de loisirs, centres de loisirs, "
            "centre aere, accueil de loisirs, alsh, accueil collectif de mineurs, enfance jeuness, "
            "education populaire, educ popul, scout, scouts, mjc$, maison des jeunes, comite des fetes, "
            "amicale laique, amicales laiques, amicale laiq, motocycl, aeronautique, aero club, "
            "aeroclub, tir$, compagnie d arc, course$, courses$, marathon, vie associative, associatif, "
            "associative, associatives, anciens combattants, combattants, parcours sportif, "
            "aire de jeux, ludique, ludotheque"
        ),
        3: (
            "jeunesse, club, clubs, loisirs, loisir, animation, animations, benevol, foyer des jeunes, "
            "vacances, colonie, enfance jeunesse, salles associatives, local associatif, foulees, "
            "regates, match, championnat, championnats, competition, competitions, "
            "manifestation sportive, aines, retraites$, amicale, asc$, montagne, skis$, spor$, ados$, "
            "juniors, jeuness"
        ),
        2: "jeunes$, jeune$, jeux$",
    },
    "sante-social": {
        5: (
            "ehpad, accompagnement social, maison de sante, maisons de sante, maison medicale, "
            "pole sante, centre de sante"
        ),
        4: (
            "sante, medical, medicale, medico, medecin, soins, infirm, hopital, hospit, hosto, handicap, "
            "handicapes, paralyses, apf$, apei, adapei, autis, alzheimer, psyc, mental, mentale, "
            "mentaux, maison de retraite, maisons de retraite, maisons retraite, personnes agees, "
            "pers age, gerontolog, aide a domicile, maintien a domicile, vivre a domicile, "
            "centre social, centres sociaux, ctre social, parentalite, petite enfance, creche, "
            "micro creche, halte garderie, mam$, assistants maternels, assistantes maternelles, "
            "assist famil, precarit, pauvrete, exclusion, aide alimentaire, banque alimentaire, "
            "restaurants du coeur, restos du coeur, secours populaire, secours catholique, croix rouge, "
            "emmaus, epicerie solidaire, epicerie solid, refugie, refugies, asile, migrant, migrants, "
            "gens du voyage, planning familial, addict, alcool, toxicoman, udaf, tutelle, curatelle, "
            "protection de l enfance, aide sociale, action sociale, insertion sociale, "
            "prevention specialisee, prev spe, milieu ouvert, malades, cancer, donneurs de sang, "
            "don du sang, diabet, sourds, aveugles, malvoyants, deficients, 3eme age, troisieme age, "
            "violences faites aux femmes, sos femmes, oeuvres sociales, prestations sociales, "
            "solidarite internationale, sans frontieres, sans frontiere, sans frontier, humanitaire, "
            "ccas, pole paramedical, paramedical, cabinet medical, hebergement d urgence, "
            "veille sociale, sdf, sans abri, aidants, autonomie, vieillir, vieillissement, "
            "socioculturel, socio cultur, bambins, calins, doudou, doudous, gens voyage, "
            "conjoints survivants, veuves, amicale du personnel, amicale personnel, mutualite, mutuelle, "
            "famille rurale, familles rurales, afr$, clic$, familiale rurale, familiales rurales, "
            "famil rural, bienfaisance, accueil de jour, parrains par mille, compagnons batisseurs"
        ),
        3: (
            "social, sociale, sociaux, sociales, soc$, solidari, solidaire, solidaires, entraide, "
            "famille, familles, familial, familiale, familiales, enfance, enfants, femmes, victime, "
            "victimes, racisme, antisemitisme, droits de l homme, droits homme, msa$, retraite, aides$, "
            "sida, afrique, africain, benin, burkina, senegal, madagascar, cambodge, mali$, haiti, "
            "niger$, togo, cameroun, maroc, tunisi, vietnam, laos, guinee, congo, tiers monde, "
            "cooperation, personnel, cos$, handi, precaires, difficulte, difficultes, mineurs, "
            "jeunes en difficulte, petits, ptits, p tits, toit$"
        ),
        2: "accueil, hebergement, urgence, logement des jeunes, bebe, bebes, naissance",
    },
    "amenagement": {
        4: (
            "urbanisme, urbanis, voirie, trottoir, trottoirs, chaussee, coeur de ville, centre bourg, "
            "revitalis, logement, logements, hlm, habitat, adil, adile, caue$, architecture, paysag, "
            "embellissement, zac$, foncier, lotissement, renovation urbaine, viabilis, locataires, "
            "amenagement du territoire, cadre de vie, mur de soutenement, ponceau, mise en souterrain, "
            "enfouissement, place de la, places du, amenageur, maires, conseillers generaux, elus"
        ),
        3: "stationnement, parking, parkings, centre ville, pont$",
        2: "urbain, urbaine, quartier, quartiers, carrefour, habitants, territorial, territoriale",
        1: "amenagement, amenagements, rue$, route$, territoire",
    },
    "numerique": {
        4: (
            "informatique, informatiques, internet, tres haut debit, haut debit, fibre optique, digital, "
            "dematerialis, dispositif actes, logiciel, cyber, virtuel, virtual, fablab, multimedia, "
            "tablettes, ordinateur, ordinateurs, reseau informatique, site web, open data, "
            "intelligence artificielle"
        ),
        2.5: "numerique, numeriques",
        2: "actes$, ecrans, pc$, wifi, technologies",
    },
    "tourisme": {
        4: (
            "touris, office de tourisme, offices de tourisme, syndicat d initiative, synd initiative, "
            "gite, gites, camping, hotellerie, greeters, croisiere, plaisance, "
            "petites cites de caractere, accueil touristique, auberge, villages vacances, "
            "village vacances, destination"
        ),
        2: "hebergement touristique, visiteurs, vacanciers, sejours",
    },
    "securite": {
        6: (
            "videoprotection, video protection, videosurveillance, video surveillance, camera, cameras, "
            "prevention routiere, securite routiere, violence routiere, plan particulier, ppms, alarme, "
            "alarmage, incendie, sapeurs pompiers, pompiers, sdis, sauvetage, snsm, gendarmerie, "
            "police municipale"
        ),
        4: "delinquance, surete, secourisme, secouristes, protection civile",
        3: "police, polic$",
        1.5: "securite, securisation, prevention, secours, risques",
    },
    "equipements-publics": {
        4: (
            "mairie, mairies, hotel de ville, salle des fetes, salle polyvalente, salles polyvalentes, "
            "salle communale, salles communales, salle municipale, foyer communal, foyer rural, "
            "batiment communal, batiments communaux, bat communaux, locaux communaux, maison communale, "
            "batiments publics, batiment public, equipements publics, equipement public, cimetiere, "
            "cimetieres, columbarium, jardin du souvenir, services techniques, centre technique, "
            "france services, maison de services, salle de reunion, salle des associations, "
            "toilettes publiques, sanitaires publics, ancienne poste, bureau de poste, "
            "hotel de communaute, locaux administratifs, siege de la communaute"
        ),
        2: "communal, communale, communaux, municipal, municipale, municipaux",
        1: "accessibilite, accessibilites, pmr$, ad ap, mise aux normes, mise en conformite",
    },
}

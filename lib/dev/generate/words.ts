// words: the hand-written word lists the catalogue and the population are made from (first and last
// names, US metropolitan areas, title words, the hand-written head songs). No external data lists.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

export const FEMALE_NAMES = [
  'Abigail', 'Addison', 'Alexa', 'Alice', 'Alyssa', 'Amelia', 'Anna', 'Aubrey', 'Ava', 'Avery', 'Bailey', 'Brooke',
  'Camila', 'Caroline', 'Chloé', 'Claire', 'Daisy', 'Delaney', 'Elena', 'Eliana', 'Elizabeth', 'Ella', 'Emily',
  'Emma', 'Evelyn', 'Faith', 'Gabriela', 'Grace', 'Hailey', 'Hannah', 'Harper', 'Isabella', 'Jasmine', 'Jayla',
  'Jocelyn', 'Julia', 'Kaitlyn', 'Katherine', 'Kayla', 'Kylie', 'Layla', 'Leah', 'Lily', 'Lucía', 'Lydia',
  'Madison', 'Makayla', 'Maya', 'Mia', 'Molly', 'Morgan', 'Natalie', 'Nora', 'Olivia', 'Paige', 'Penelope',
  'Piper', 'Rachel', 'Renée', 'Riley', 'Rylee', 'Samantha', 'Sara', 'Savannah', 'Scarlett', 'Sienna', 'Sofia',
  'Sophia', 'Stella', 'Sydney', 'Taylor', 'Tegan', 'Valentina', 'Victoria', 'Violet', 'Willow', 'Ximena', 'Zoë',
];

export const MALE_NAMES = [
  'Aaron', 'Adrian', 'Aiden', 'Alexander', 'Andrés', 'Anthony', 'Austin', 'Benjamin', 'Brandon', 'Brayden',
  'Caleb', 'Cameron', 'Carter', 'Christian', 'Cody', 'Colin', 'Connor', 'Daniel', 'David', 'Dylan', 'Elijah',
  'Ethan', 'Evan', 'Gabriel', 'Gavin', 'Henry', 'Hunter', 'Ian', 'Isaac', 'Jack', 'Jackson', 'Jacob', 'James',
  'Jayden', 'Jesús', 'Jordan', 'José', 'Joseph', 'Joshua', 'Julian', 'Kevin', 'Landon', 'Liam', 'Logan', 'Lucas',
  'Luke', 'Mason', 'Matthew', 'Micah', 'Michael', 'Miles', 'Nathan', 'Nicolás', 'Noah', 'Oliver', 'Owen',
  'Parker', 'Quinn', 'Ryan', 'Samuel', 'Sebastian', 'Spencer', 'Theodore', 'Thomas', 'Tristan', 'Tyler',
  'Walter', 'Wesley', 'William', 'Wyatt', 'Xavier', 'Zachary',
];

export const LAST_NAMES = [
  'Adams', 'Allen', 'Alvarez', 'Anderson', 'Bailey', 'Baker', 'Barnes', 'Bell', 'Bennett', 'Brooks', 'Brown',
  'Bryant', 'Butler', 'Campbell', 'Carter', 'Castillo', 'Chen', 'Clark', 'Coleman', 'Collins', 'Cook', 'Cooper',
  'Cox', 'Cruz', 'Davis', 'Díaz', 'Edwards', 'Evans', 'Fisher', 'Flores', 'Foster', 'García', 'Gómez',
  'Gonzalez', 'Graham', 'Gray', 'Green', 'Griffin', 'Hall', 'Harris', 'Hayes', 'Henderson', 'Hernández', 'Hill',
  'Howard', 'Hughes', 'Jackson', 'James', 'Jenkins', 'Johnson', 'Jones', 'Kelly', 'Kim', 'King', 'Lee', 'Levine',
  'Lewis', 'Long', 'López', 'Lynch', 'Martin', 'Martínez', 'Miller', 'Mitchell', 'Moore', 'Morales', 'Morgan',
  'Morris', 'Muñoz', 'Murphy', 'Myers', 'Nelson', "O'Brien", "O'Connor", 'Ortiz', 'Parker', 'Patel', 'Peña',
  'Perez', 'Perry', 'Peterson', 'Phillips', 'Powell', 'Price', 'Ramírez', 'Reed', 'Reyes', 'Richardson',
  'Rivera', 'Roberts', 'Robinson', 'Rodriguez', 'Rogers', 'Ross', 'Russell', 'Sanders', 'Schröder', 'Scott',
  'Simmons', 'Smith', 'Stewart', 'Sullivan', 'Summers', 'Taylor', 'Thomas', 'Thompson', 'Torres', 'Turner',
  'Walker', 'Ward', 'Washington', 'Watson', 'White', 'Williams', 'Wilson', 'Wood', 'Wright', 'Young',
];

/** US metropolitan areas, "City-City, ST" as in the originals (all contain a comma, so all are quoted). */
export const LOCATIONS = [
  'New York-Newark-Jersey City, NY-NJ-PA', 'Los Angeles-Long Beach-Anaheim, CA', 'Chicago-Naperville-Elgin, IL-IN-WI',
  'Dallas-Fort Worth-Arlington, TX', 'Houston-The Woodlands-Sugar Land, TX', 'Washington-Arlington-Alexandria, DC-VA-MD-WV',
  'Miami-Fort Lauderdale-West Palm Beach, FL', 'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD',
  'Atlanta-Sandy Springs-Roswell, GA', 'Boston-Cambridge-Newton, MA-NH', 'Phoenix-Mesa-Scottsdale, AZ',
  'San Francisco-Oakland-Hayward, CA', 'Riverside-San Bernardino-Ontario, CA', 'Detroit-Warren-Dearborn, MI',
  'Seattle-Tacoma-Bellevue, WA', 'Minneapolis-St. Paul-Bloomington, MN-WI', 'San Diego-Carlsbad, CA',
  'Tampa-St. Petersburg-Clearwater, FL', 'Denver-Aurora-Lakewood, CO', 'St. Louis, MO-IL',
  'Baltimore-Columbia-Towson, MD', 'Charlotte-Concord-Gastonia, NC-SC', 'Orlando-Kissimmee-Sanford, FL',
  'San Antonio-New Braunfels, TX', 'Portland-Vancouver-Hillsboro, OR-WA', 'Sacramento--Roseville--Arden-Arcade, CA',
  'Pittsburgh, PA', 'Las Vegas-Henderson-Paradise, NV', 'Austin-Round Rock, TX', 'Cincinnati, OH-KY-IN',
  'Kansas City, MO-KS', 'Columbus, OH', 'Indianapolis-Carmel-Anderson, IN', 'Cleveland-Elyria, OH',
  'San Jose-Sunnyvale-Santa Clara, CA', 'Nashville-Davidson--Murfreesboro--Franklin, TN',
  'Virginia Beach-Norfolk-Newport News, VA-NC', 'Providence-Warwick, RI-MA', 'Milwaukee-Waukesha-West Allis, WI',
  'Jacksonville, FL', 'Oklahoma City, OK', 'Raleigh, NC', 'Memphis, TN-MS-AR', 'Richmond, VA',
  'New Orleans-Metairie, LA', 'Louisville/Jefferson County, KY-IN', 'Salt Lake City, UT',
  'Hartford-West Hartford-East Hartford, CT', 'Buffalo-Cheektowaga-Niagara Falls, NY', 'Birmingham-Hoover, AL',
  'Grand Rapids-Wyoming, MI', 'Rochester, NY', 'Tucson, AZ', 'Urban Honolulu, HI', 'Tulsa, OK', 'Fresno, CA',
  'Worcester, MA-CT', 'Omaha-Council Bluffs, NE-IA', 'Bridgeport-Stamford-Norwalk, CT', 'Albuquerque, NM',
  'Albany-Schenectady-Troy, NY', 'Bakersfield, CA', 'Knoxville, TN', 'El Paso, TX', 'Baton Rouge, LA',
  'New Haven-Milford, CT', 'Allentown-Bethlehem-Easton, PA-NJ', 'Oxnard-Thousand Oaks-Ventura, CA', 'Columbia, SC',
  'Spokane-Spokane Valley, WA', 'Boise City, ID', 'Madison, WI', 'Anchorage, AK', 'Eugene, OR', 'Santa Rosa, CA',
  'Lansing-East Lansing, MI', 'Winston-Salem, NC', 'Ann Arbor, MI', 'Des Moines-West Des Moines, IA', 'Lubbock, TX',
  'Red Bluff, CA', 'Marinette, WI-MI', 'Klamath Falls, OR', 'London, KY', 'Plymouth, IN', 'La Crosse-Onalaska, WI-MN',
];

export const NOUNS = [
  'Heart', 'Fire', 'River', 'Night', 'Love', 'Dream', 'Rain', 'Light', 'Shadow', 'Road', 'City', 'Sky', 'Ocean',
  'Star', 'Moon', 'Sun', 'Stone', 'Wire', 'Ghost', 'Mirror', 'Window', 'Summer', 'Winter', 'Highway', 'Garden',
  'Song', 'Radio', 'Diamond', 'Thunder', 'Echo', 'Angel', 'Island', 'Kingdom', 'Train', 'Letter', 'Rose', 'Wolf',
  'Horse', 'Machine', 'Satellite', 'Paper', 'Gold', 'Silver', 'Bridge', 'Storm', 'Daylight', 'Midnight', 'Morning',
  'Sunday', 'Friday', 'Heaven', 'Desert', 'Valley', 'Mountain', 'Harbor', 'Lantern', 'Compass', 'Arrow', 'Feather',
  'Candle', 'Ladder', 'Wave', 'Tide', 'Flame', 'Smoke', 'Glass', 'Honey', 'Thorn', 'Crown', 'Anchor', 'Ribbon',
  'Engine', 'Signal', 'Circus', 'Carnival', 'Parade', 'Memory', 'Secret', 'Promise', 'Story', 'Chance', 'Season',
  'Horizon', 'Skyline', 'Avenue', 'Boulevard', 'Runaway', 'Stranger', 'Lover', 'Sister', 'Brother', 'Mother',
  'Father', 'Child', 'Soldier', 'Sailor', 'Preacher', 'Dancer', 'Drummer', 'Hunter', 'Kid', 'Hands', 'Eyes',
  'Bones', 'Blood', 'Tears', 'Wings', 'Words', 'Lies', 'Days', 'Years', 'Miles', 'Streets', 'Lights', 'Waves',
];

export const ADJECTIVES = [
  'Blue', 'Broken', 'Golden', 'Electric', 'Wild', 'Silent', 'Lonely', 'Crazy', 'Sweet', 'Dark', 'Bright', 'Little',
  'Last', 'Lost', 'Strange', 'Beautiful', 'Burning', 'Hollow', 'Velvet', 'Neon', 'Sugar', 'Cold', 'Restless',
  'Secret', 'Endless', 'Tender', 'Heavy', 'Simple', 'Holy', 'Quiet', 'Shiny', 'Lucky', 'Wicked', 'Gentle', 'Faded',
  'Crystal', 'Midnight', 'Scarlet', 'Silver', 'Northern', 'Southern', 'Western', 'Dirty', 'Pretty', 'Easy', 'Hard',
  'Long', 'Slow', 'Fast', 'Young', 'Old', 'New', 'Perfect', 'Familiar', 'Invisible', 'Magnetic', 'Cosmic',
  'Tropical', 'Radioactive', 'Paper', 'Plastic', 'Wooden', 'Iron', 'Glass', 'Emerald', 'Painted', 'Hidden',
];

export const PLURALS = [
  'Keys', 'Wolves', 'Horses', 'Kids', 'Lights', 'Stones', 'Strangers', 'Rebels', 'Ghosts', 'Machines', 'Angels',
  'Brothers', 'Sisters', 'Pilots', 'Tigers', 'Ravens', 'Shadows', 'Kings', 'Queens', 'Drifters', 'Saints',
  'Sailors', 'Dreamers', 'Monsters', 'Lovers', 'Thieves', 'Foxes', 'Bears', 'Owls', 'Sparrows', 'Comets',
  'Satellites', 'Vandals', 'Heroes', 'Outlaws', 'Pirates', 'Prophets', 'Romantics', 'Wanderers', 'Echoes',
  'Hearts', 'Hands', 'Suns', 'Moons', 'Rivers', 'Engines', 'Radios', 'Diamonds', 'Feathers', 'Arrows',
];

export const VERBS = [
  'Dancing', 'Running', 'Falling', 'Waiting', 'Walking', 'Driving', 'Dreaming', 'Burning', 'Shining', 'Singing',
  'Crying', 'Flying', 'Fading', 'Breaking', 'Chasing', 'Holding', 'Calling', 'Drowning', 'Rolling', 'Riding',
];

export const PREPS = ['In', 'On', 'Under', 'Through', 'Across', 'Into', 'Over', 'Beyond', 'Without', 'Beneath'];

export const ACCENTED = [
  'Café', 'Corazón', 'Mañana', 'Niño', 'Señorita', 'Déjà Vu', 'Fiancée', 'Naïve', 'Noël', 'Résumé',
  'Crème Brûlée', 'Zürich', 'São Paulo', 'Über', 'Mädchen', 'Göteborg', 'Piñata', 'Jalapeño', 'Éclair', 'Soirée',
  'Tête-à-Tête', 'Canción', 'Año Nuevo', 'Pájaro', 'Schön', 'Ça Va', 'Être', 'Mélodie', 'Lágrimas', 'Frühling',
  'Ålesund', 'Smörgåsbord', 'Björn', 'Señor', 'Adiós', 'Corações', 'Qué Será', 'Fête', 'Müde', 'Hjärta',
];

export const ACCENTED_FIRST = [
  'José', 'Zoë', 'Björn', 'Sébastien', 'Anaïs', 'Søren', 'Jürgen', 'Inés', 'Raúl', 'Zoé', 'Hélène', 'Joaquín',
  'Ángel', 'Håkan', 'Mónica', 'Noémie', 'Jérôme', 'Ñico', 'Dagný', 'Óscar',
];

export const ACCENTED_LAST = [
  'Gómez', 'Müller', 'Sjöberg', 'Lefèvre', 'Peña', 'Núñez', 'Østergaard', 'Żuławski', 'Jóhannsson', 'Grönholm',
  'Dvořák', 'Mäkelä', 'Ibáñez', 'Brønstad', 'Fernández', 'Castaño', 'Coutinho', 'Beaumé', 'Lindqvist', 'Ruíz',
];

export const SUFFIXES = [
  ' (Radio Edit)', ' (Live)', ' (Album Version)', ' (Remastered)', ' (Acoustic)', ' (Extended Mix)', ' (Demo)',
  ' (Single Version)', ' (Live at the Fillmore)', ' (Instrumental)', ' (Original Mix)', ' (Reprise)',
];

/**
 * Hand-written head of the catalogue (the most played songs), with apostrophes,
 * ampersands, parentheses, commas, double quotes and non-ASCII UTF-8.
 */
export const HEAD_SONGS: Array<[string, string]> = [
  ["Guns N' Roses", "Sweet Child O' Mine"],
  ['Beyoncé', 'Déjà Vu'],
  ['Kings Of Leon', 'Use Somebody'],
  ['Earth, Wind & Fire', 'September'],
  ['Sigur Rós', 'Hoppípolla'],
  ['Simon & Garfunkel', 'Bridge Over Troubled Water'],
  ['Florence + The Machine', "You've Got The Love"],
  ['Bob Marley & The Wailers', 'No Woman, No Cry'],
  ['Édith Piaf', 'Non, je ne regrette rien'],
  ['Mötley Crüe', 'Kickstart My Heart'],
  ['The Beatles', "Don't Let Me Down"],
  ['Céline Dion', 'My Heart Will Go On (Love Theme From "Titanic")'],
  ['Manu Chao', 'Me Gustas Tú'],
  ['Crosby, Stills, Nash & Young', 'Teach Your Children'],
  ['Nena', '99 Luftballons'],
  ['OutKast', 'Hey Ya!'],
  ['Die Ärzte', 'Männer sind Schweine'],
  ['Jason Mraz', "I'm Yours"],
  ['Röyksopp', 'Eple'],
  ['Shakira', "Hips Don't Lie (feat. Wyclef Jean)"],
  ['The Killers', 'Mr. Brightside'],
  ['Juanes', 'La Camisa Negra'],
  ['Motörhead', 'Ace Of Spades'],
  ['Alizée', 'Moi... Lolita'],
  ['Amy Winehouse', 'Rehab'],
  ['Café Tacvba', 'Eres'],
  ['Coldplay', 'Viva La Vida'],
  ['Jóhann Jóhannsson', 'Odi et Amo'],
  ['Plácido Domingo', 'Nessun dorma (from "Turandot")'],
  ['Weird Al Yankovic', 'White & Nerdy'],
  ['坂本龍一', 'Merry Christmas Mr. Lawrence'],
  ['Maná', 'Rayando el Sol'],
  ['The Black Keys', 'Tighten Up'],
  ['Los Lobos', 'La Bamba'],
  ['Kanye West', 'Love Lockdown'],
  ['Bonnie Tyler', 'Total Eclipse Of The Heart'],
];

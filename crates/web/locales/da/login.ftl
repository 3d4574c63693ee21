# Log ind.
login-title = Log ind
login-heading = Log ind i jobbro
login-user = Bruger-id
login-password = Adgangskode
login-submit = Log ind
login-sso = Log ind med din organisations konto
login-refused = Bruger-id eller adgangskode er forkert, eller du har prøvet for mange gange. Vent et par minutter, og prøv igen.
logged-in-title = Logget ind
logged-in-body = Du er logget ind som { $name } ({ $user }).

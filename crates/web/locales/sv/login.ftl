# Logga in.
login-title = Logga in
login-heading = Logga in i jobbro
login-user = Användar-id
login-password = Lösenord
login-submit = Logga in
login-sso = Logga in med din organisations konto
login-refused = Användar-id eller lösenord är fel, eller så har du försökt för många gånger. Vänta några minuter och försök igen.
logged-in-title = Inloggad
logged-in-body = Du är inloggad som { $name } ({ $user }).

# Logging in.
login-title = Log in
login-heading = Log in to jobbro
login-user = User id
login-password = Password
login-submit = Log in
login-sso = Log in with your organisation's account
login-refused = The user id or password is wrong, or you have tried too many times. Wait a few minutes and try again.
logged-in-title = Logged in
logged-in-body = You are logged in as { $name } ({ $user }).

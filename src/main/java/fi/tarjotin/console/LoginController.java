package fi.tarjotin.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's login page; Spring Security handles the form's POST, and logout. */
@Controller
class LoginController {

    @GetMapping(ConsoleSecurityConfiguration.LOGIN_PAGE)
    String login() {
        return "console/login";
    }
}
